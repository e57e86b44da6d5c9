import {
  normalQuantile,
  normalSurvival,
} from '../../shared/statistics/specialFunctions';

/*
 * Statistics of an A/B test between the stable version (A) and a candidate (B) on a success rate (conversions,
 * correct predictions… over requests), as a fixed-horizon test: the sample size is planned up front from the
 * baseline rate, the minimum detectable effect, α and power, and no verdict is given before both arms reach it.
 * Looking earlier is "peeking", which inflates the false-positive rate; the engine shows interim figures but
 * decides only at the planned horizon, so no correction (e.g. O'Brien–Fleming alpha spending) is needed.
 */

/** Successes over trials of each arm. */
export type AbCounts = {
  successesA: number;
  trialsA: number;
  successesB: number;
  trialsB: number;
};

export type TwoProportionTest = {
  rateA: number;
  rateB: number;
  /** rateB − rateA. */
  difference: number;
  /** z of the pooled two-proportion test. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** (1 − α) Wald confidence interval of the difference (unpooled standard error). */
  confidenceInterval: [number, number];
  /** Cohen's h = 2·asin√rateB − 2·asin√rateA (0.2 small, 0.5 medium, 0.8 large). */
  cohensH: number;
};

function checkCounts(counts: AbCounts) {
  for (const arm of ['A', 'B'] as const) {
    const successes = counts[`successes${arm}`];
    const trials = counts[`trials${arm}`];
    if (
      !Number.isFinite(successes) ||
      !Number.isFinite(trials) ||
      trials <= 0 ||
      successes < 0 ||
      successes > trials
    ) {
      throw new RangeError(
        `Arm ${arm} needs 0 ≤ successes ≤ trials and trials > 0, got ${successes}/${trials}`,
      );
    }
  }
}

/** The two-proportion z-test of B against A, its confidence interval and effect size. */
export function twoProportionZTest(
  counts: AbCounts,
  alpha = 0.05,
): TwoProportionTest {
  checkCounts(counts);
  const { successesA, trialsA, successesB, trialsB } = counts;
  const rateA = successesA / trialsA;
  const rateB = successesB / trialsB;
  const difference = rateB - rateA;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const pooledSe = Math.sqrt(
    pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB),
  );
  // Both arms all-success or all-failure: no variance, no evidence of a difference.
  const z = pooledSe === 0 ? 0 : difference / pooledSe;
  const se = Math.sqrt(
    (rateA * (1 - rateA)) / trialsA + (rateB * (1 - rateB)) / trialsB,
  );
  const margin = normalQuantile(1 - alpha / 2) * se;
  return {
    rateA,
    rateB,
    difference,
    z,
    pValue: Math.min(1, 2 * normalSurvival(Math.abs(z))),
    confidenceInterval: [difference - margin, difference + margin],
    cohensH: 2 * Math.asin(Math.sqrt(rateB)) - 2 * Math.asin(Math.sqrt(rateA)),
  };
}

/**
 * Trials per arm needed to detect an absolute change of `minimumDetectableEffect` from `baselineRate` with a
 * two-sided test at `alpha` and the given `power` (normal approximation, pooled variance under H0 and unpooled
 * under H1, no continuity correction):
 * n = (z₁₋α/₂·√(2·p̄(1−p̄)) + z_power·√(p₁(1−p₁) + p₂(1−p₂)))² / δ².
 */
export function requiredSampleSize(plan: {
  baselineRate: number;
  minimumDetectableEffect: number;
  alpha?: number;
  power?: number;
}): number {
  const alpha = plan.alpha ?? 0.05;
  const power = plan.power ?? 0.8;
  const p1 = plan.baselineRate;
  const delta = plan.minimumDetectableEffect;
  const p2 = p1 + delta;
  if (!(p1 > 0 && p1 < 1) || !(p2 > 0 && p2 < 1) || delta === 0) {
    throw new RangeError(
      `The baseline rate and baseline + effect must lie strictly between 0 and 1, and the effect not be 0 (got ${p1} and ${delta})`,
    );
  }
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
    throw new RangeError(`α and power must lie strictly between 0 and 1`);
  }
  const mean = (p1 + p2) / 2;
  const n =
    (normalQuantile(1 - alpha / 2) * Math.sqrt(2 * mean * (1 - mean)) +
      normalQuantile(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) **
      2 /
    delta ** 2;
  return Math.ceil(n - 1e-9);
}

export type AbVerdict = {
  /** `promote` (B better), `keep` (B worse), or `inconclusive` (no significant difference, or too early). */
  recommendation: 'promote' | 'keep' | 'inconclusive';
  reason: string;
  /** False until both arms reached the planned sample: until then the figures are shown, not judged. */
  sampleReached: boolean;
  test: TwoProportionTest;
};

/** The verdict at the planned horizon: significant at α with B above A → promote, below → keep. */
export function abTestVerdict(
  counts: AbCounts,
  plannedPerArm: number,
  alpha = 0.05,
): AbVerdict {
  const test = twoProportionZTest(counts, alpha);
  const smaller = Math.min(counts.trialsA, counts.trialsB);
  if (smaller < plannedPerArm) {
    return {
      recommendation: 'inconclusive',
      reason: `${smaller} of ${plannedPerArm} planned trials per arm so far; no verdict before the planned sample`,
      sampleReached: false,
      test,
    };
  }
  const percent = (v: number) => `${(v * 100).toFixed(2)}%`;
  const figures = `${percent(test.rateB)} vs ${percent(
    test.rateA,
  )}, p = ${test.pValue.toPrecision(3)}`;
  if (test.pValue >= alpha) {
    return {
      recommendation: 'inconclusive',
      reason: `No significant difference at α = ${alpha} (${figures})`,
      sampleReached: true,
      test,
    };
  }
  return test.difference > 0
    ? {
        recommendation: 'promote',
        reason: `The candidate does better (${figures})`,
        sampleReached: true,
        test,
      }
    : {
        recommendation: 'keep',
        reason: `The candidate does worse (${figures})`,
        sampleReached: true,
        test,
      };
}
