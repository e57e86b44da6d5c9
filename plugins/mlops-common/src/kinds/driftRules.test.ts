import { DEFAULT_DRIFT_METHODS, driftRuleOf } from './driftRules';

// The drift service judges each feature with this rule and the Model card describes the same rule, so its
// precedence is pinned here: the feature's override, then the Model's method and threshold, then the defaults.
describe('driftRuleOf', () => {
  const spec = {
    method: 'psi' as const,
    features: {
      amount: 0.3,
      country: { method: 'chisquare' as const },
      device: { threshold: 0.2 },
    },
  };

  it("takes a feature's override first, a bare number being its threshold", () => {
    expect(driftRuleOf(spec, 'amount', 'wasserstein')).toEqual({
      method: 'psi',
      threshold: 0.3,
    });
    expect(driftRuleOf(spec, 'country', 'jensenshannon')).toEqual({
      method: 'chisquare',
      threshold: 0.05,
    });
    expect(driftRuleOf(spec, 'device', 'jensenshannon')).toEqual({
      method: 'psi',
      threshold: 0.2,
    });
  });

  it("falls back to the Model's method and threshold, then to the method's default threshold", () => {
    expect(driftRuleOf(spec, 'merchant', 'wasserstein')).toEqual({
      method: 'psi',
      threshold: 0.1,
    });
    expect(
      driftRuleOf({ threshold: 0.25 }, 'merchant', 'jensenshannon'),
    ).toEqual({ method: 'jensenshannon', threshold: 0.25 });
    expect(
      driftRuleOf({ features: { amount: 0.3 } }, 'amount', 'chisquare'),
    ).toEqual({ method: 'chisquare', threshold: 0.3 });
  });

  it("uses the default test of the feature's kind when the Model says nothing", () => {
    expect(
      driftRuleOf(undefined, 'amount', DEFAULT_DRIFT_METHODS.numerical),
    ).toEqual({ method: 'wasserstein', threshold: 0.1 });
    expect(
      driftRuleOf(undefined, 'country', DEFAULT_DRIFT_METHODS.categorical),
    ).toEqual({ method: 'jensenshannon', threshold: 0.1 });
    expect(driftRuleOf(spec, undefined, 'chisquare')).toEqual({
      method: 'psi',
      threshold: 0.1,
    });
  });
});
