import {
  abTestVerdict,
  requiredSampleSize,
  twoProportionZTest,
} from './abTestStatistics';

describe('A/B test statistics', () => {
  it('finds a 4.8% → 5.6% lift on 10,000 per arm significant, with its interval and effect size', () => {
    const test = twoProportionZTest({
      successesA: 480,
      trialsA: 10000,
      successesB: 560,
      trialsB: 10000,
    });
    expect(test.difference).toBeCloseTo(0.008, 12);
    expect(test.pValue).toBeLessThan(0.05);
    expect(test.confidenceInterval[0]).toBeGreaterThan(0);
    expect(test.confidenceInterval[0]).toBeLessThan(0.008);
    expect(test.cohensH).toBeGreaterThan(0);
  });

  it('gives p = 1 and z = 0 when the arms are identical, and refuses impossible counts', () => {
    expect(
      twoProportionZTest({
        successesA: 50,
        trialsA: 100,
        successesB: 50,
        trialsB: 100,
      }),
    ).toMatchObject({ z: 0, pValue: 1, difference: 0 });
    expect(
      twoProportionZTest({
        successesA: 0,
        trialsA: 100,
        successesB: 0,
        trialsB: 80,
      }),
    ).toMatchObject({ z: 0, pValue: 1 });
    expect(() =>
      twoProportionZTest({
        successesA: 5,
        trialsA: 4,
        successesB: 1,
        trialsB: 10,
      }),
    ).toThrow('Arm A needs 0 ≤ successes ≤ trials');
    expect(() =>
      twoProportionZTest({
        successesA: 1,
        trialsA: 4,
        successesB: 1,
        trialsB: 0,
      }),
    ).toThrow('Arm B');
  });

  it('needs more trials for smaller effects and more power, and refuses impossible plans', () => {
    const base = { baselineRate: 0.1, minimumDetectableEffect: 0.02 };
    const n = requiredSampleSize(base);
    expect(
      requiredSampleSize({ ...base, minimumDetectableEffect: 0.01 }),
    ).toBeGreaterThan(3 * n);
    expect(requiredSampleSize({ ...base, power: 0.9 })).toBeGreaterThan(n);
    expect(requiredSampleSize({ ...base, alpha: 0.01 })).toBeGreaterThan(n);
    expect(() =>
      requiredSampleSize({ baselineRate: 0.95, minimumDetectableEffect: 0.1 }),
    ).toThrow(RangeError);
    expect(() =>
      requiredSampleSize({ ...base, minimumDetectableEffect: 0 }),
    ).toThrow(RangeError);
  });

  it('gives no verdict before the planned sample, then promote, keep or inconclusive', () => {
    const planned = requiredSampleSize({
      baselineRate: 0.05,
      minimumDetectableEffect: 0.01,
    });
    const early = abTestVerdict(
      { successesA: 50, trialsA: 1000, successesB: 90, trialsB: 1000 },
      planned,
    );
    expect(early).toMatchObject({
      recommendation: 'inconclusive',
      sampleReached: false,
    });
    expect(early.reason).toBe(
      `1000 of ${planned} planned trials per arm so far; no verdict before the planned sample`,
    );
    const n = planned;
    const at = (a: number, b: number) =>
      abTestVerdict(
        {
          successesA: Math.round(a * n),
          trialsA: n,
          successesB: Math.round(b * n),
          trialsB: n,
        },
        planned,
      ).recommendation;
    expect(at(0.05, 0.062)).toBe('promote');
    expect(at(0.05, 0.04)).toBe('keep');
    expect(at(0.05, 0.0505)).toBe('inconclusive');
  });
});
