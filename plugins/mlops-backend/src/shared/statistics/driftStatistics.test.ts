import {
  chiSquareTest,
  datasetDrift,
  featureDrift,
  jensenShannonDistance,
  psi,
  wasserstein1,
} from './driftStatistics';
import { upperRegularizedGamma } from './specialFunctions';

describe('drift statistics', () => {
  const same = [10, 20, 30, 40];

  it('scores identical distributions as no drift by every method', () => {
    expect(
      psi(
        same,
        same.map(v => v * 3),
      ),
    ).toBeCloseTo(0, 12);
    expect(jensenShannonDistance(same, same)).toBeCloseTo(0, 12);
    expect(wasserstein1(same, same, [0, 1, 2, 3])).toBeCloseTo(0, 12);
    expect(chiSquareTest(same, same).pValue).toBeCloseTo(1, 12);
  });

  it('computes PSI by hand for two bins', () => {
    // (0.5 − 0.25)·ln(0.5/0.25) + (0.5 − 0.75)·ln(0.5/0.75)
    const expected = 0.25 * Math.log(2) + -0.25 * Math.log(0.5 / 0.75);
    expect(psi([50, 50], [25, 75])).toBeCloseTo(expected, 12);
  });

  it('fills empty bins for PSI instead of dividing by zero', () => {
    const value = psi([100, 0], [50, 50]);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(1);
  });

  /*
   * Evidently's `get_binned_data` (api-contracts §6.3) fills the zero shares of the reference and of the current
   * distribution separately, each from its own smallest non-zero share m: with 0.0001, or with m / 10⁶ when
   * m ≤ 0.0001. The figures below are worked out by hand from that rule and PSI = Σ (r − c)·ln(r / c).
   */
  it('fills the current distribution from its own smallest share, not the reference’s', () => {
    // Reference shares [0.0001, 0.4999, 0.5]: no empty bin.
    // Current shares [0, 0.5, 0.5]: its smallest non-zero share is 0.5 > 0.0001, so its empty bin is 0.0001
    // (one minimum over both distributions, 0.0001, would have filled it with 0.0001 / 10⁶ = 1e-10).
    // PSI = (0.0001 − 0.0001)·ln 1 + (0.4999 − 0.5)·ln(0.4999 / 0.5) + (0.5 − 0.5)·ln 1
    //     = 0.0001 · 0.000200020002667 = 2.00020002667e-8
    // (with 1e-10 in the empty bin the first term alone would be 0.0000999999 · ln 10⁶ ≈ 0.00138).
    const value = psi([1, 4999, 5000], [0, 5000, 5000]);
    expect(Math.abs(value - 2.00020002667e-8)).toBeLessThan(1e-16);
  });

  it('fills the reference from its own smallest share when that share is tiny', () => {
    // Reference shares [0.0001, 0, 0.9999]: its smallest non-zero share is 0.0001 ≤ 0.0001, so its empty bin is
    // 0.0001 / 10⁶ = 1e-10. Current shares [0, 0.5, 0.5]: smallest 0.5, so its empty bin is 0.0001.
    // PSI = (0.0001 − 0.0001)·ln 1
    //     + (1e-10 − 0.5)·ln(1e-10 / 0.5)       = 0.4999999999 · ln(5·10⁹) = 0.4999999999 · 22.3327037493805
    //     + (0.9999 − 0.5)·ln(0.9999 / 0.5)     = 0.4999 · 0.69304717555962
    //     = 11.16635187245755 + 0.34645428306226 = 11.51280615551981
    // (one fill of 1e-10 for both would add 0.0000999999 · ln 10⁶ and give 11.5141877).
    expect(psi([1, 0, 9999], [0, 5000, 5000])).toBeCloseTo(
      11.51280615551981,
      10,
    );
  });

  it('bounds Jensen–Shannon by √ln 2 for disjoint distributions', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(
      Math.sqrt(Math.log(2)),
      12,
    );
  });

  it('moves all mass one bin over as a Wasserstein distance of one bin width', () => {
    expect(wasserstein1([1, 0, 0], [0, 1, 0], [0, 5, 10])).toBeCloseTo(5, 12);
  });

  it('knows the χ² survival function at textbook points', () => {
    // χ²(1) at 3.841 → 0.05; χ²(10) at 18.307 → 0.05
    expect(upperRegularizedGamma(0.5, 3.841458820694124 / 2)).toBeCloseTo(
      0.05,
      9,
    );
    expect(upperRegularizedGamma(5, 18.307038053275146 / 2)).toBeCloseTo(
      0.05,
      9,
    );
  });

  it('turns scores into verdicts in the direction of each method', () => {
    const shifted = { reference: [80, 15, 5], current: [20, 30, 50] };
    expect(featureDrift({ method: 'psi', ...shifted })).toMatchObject({
      drifted: true,
      threshold: 0.1,
    });
    expect(featureDrift({ method: 'chisquare', ...shifted })).toMatchObject({
      drifted: true,
      threshold: 0.05,
    });
    expect(
      featureDrift({ method: 'chisquare', reference: same, current: same }),
    ).toMatchObject({ drifted: false, score: 1 });
    expect(() => featureDrift({ method: 'wasserstein', ...shifted })).toThrow(
      /midpoints/,
    );
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(/same, non-empty bins/);
  });

  it('calls the dataset drifted when half the features or more drift', () => {
    const f = (drifted: boolean) => ({ drifted });
    expect(datasetDrift([f(true), f(false)])).toEqual({
      share: 0.5,
      drifted: true,
      driftShare: 0.5,
    });
    expect(datasetDrift([f(true), f(false), f(false)]).drifted).toBe(false);
    expect(datasetDrift([]).drifted).toBe(false);
  });
});
