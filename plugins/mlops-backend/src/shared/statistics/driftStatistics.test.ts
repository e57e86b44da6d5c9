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
