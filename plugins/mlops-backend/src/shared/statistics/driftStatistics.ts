/*
 * Drift statistics on binned data, dependency-free. Definitions and defaults follow api-contracts §6 (Evidently's
 * legacy stattests and SciPy):
 *
 * - `psi`: Σ (r_i − c_i) · ln(r_i / c_i) over bin shares; zero shares are filled with 0.0001, or with
 *   min_nonzero / 10⁶ when the smallest non-zero share is ≤ 0.0001, each distribution from its own smallest
 *   non-zero share (Evidently's `get_binned_data` fills reference and current separately). Drift when
 *   ≥ threshold (default 0.1).
 * - `jensenshannon`: Jensen–Shannon *distance* with natural logs (SciPy's default, range [0, √ln 2]); shares are
 *   normalised, no zero filling. Drift when ≥ threshold (default 0.1).
 * - `wasserstein`: Wasserstein-1 between the two binned distributions placed at the bin midpoints (SciPy's
 *   `wasserstein_distance` with weights), divided by max(σ_ref, 0.001) like Evidently's normed variant, σ_ref
 *   being the reference's standard deviation over the same midpoints. Drift when ≥ threshold (default 0.1).
 * - `chisquare`: Pearson's χ² of the current counts against the reference shares scaled to the current total
 *   (Evidently's `chisquare`), df = bins − 1; the score is the p-value and drift is p < threshold (default 0.05).
 *
 * Every function takes counts per bin (reference and current over the same bins, same order).
 */

import {
  DEFAULT_DATASET_DRIFT_SHARE,
  DRIFT_METHOD_DEFAULT_THRESHOLDS,
  DriftMethodName,
} from '@mlops-portal/plugin-mlops-common';
import { upperRegularizedGamma } from './specialFunctions';

/*
 * The tests, their default thresholds and the dataset's drift share are the contract package's, which the Model
 * card shows: one set of numbers, so the card cannot promise a threshold the service does not judge with.
 */
export type DriftMethod = DriftMethodName;

export const DEFAULT_DRIFT_THRESHOLDS = DRIFT_METHOD_DEFAULT_THRESHOLDS;

/** Evidently's `DataDriftPreset(drift_share=0.5)`: the dataset drifts when at least this share of features do. */
export const DEFAULT_DRIFT_SHARE = DEFAULT_DATASET_DRIFT_SHARE;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function shares(counts: number[]): number[] {
  const total = sum(counts);
  if (!(total > 0)) {
    throw new RangeError('a distribution needs at least one observation');
  }
  return counts.map(c => c / total);
}

function checkSameBins(reference: number[], current: number[]) {
  if (reference.length !== current.length || reference.length === 0) {
    throw new RangeError(
      `reference and current need the same, non-empty bins (${reference.length} vs ${current.length})`,
    );
  }
}

/**
 * Evidently's zero fill of one distribution's shares: empty bins get 0.0001, or the distribution's *own* smallest
 * non-zero share / 10⁶ when that share is ≤ 0.0001. Each distribution is filled from itself, never from the
 * other one's shares.
 */
export function fillEmptyShares(distribution: number[]): number[] {
  const smallest = Math.min(...distribution.filter(v => v > 0));
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  return distribution.map(v => (v > 0 ? v : fill));
}

/** Population stability index. */
export function psi(reference: number[], current: number[]): number {
  checkSameBins(reference, current);
  const r = fillEmptyShares(shares(reference));
  const c = fillEmptyShares(shares(current));
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    total += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  }
  return total;
}

/** Jensen–Shannon distance, natural log. */
export function jensenShannonDistance(
  reference: number[],
  current: number[],
): number {
  checkSameBins(reference, current);
  const p = shares(reference);
  const q = shares(current);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) divergence += p[i] * Math.log(p[i] / m);
    if (q[i] > 0) divergence += q[i] * Math.log(q[i] / m);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}

/** Wasserstein-1 between the binned distributions at `midpoints` (ascending). */
export function wasserstein1(
  reference: number[],
  current: number[],
  midpoints: number[],
): number {
  checkSameBins(reference, current);
  if (midpoints.length !== reference.length) {
    throw new RangeError('one midpoint per bin is needed');
  }
  const r = shares(reference);
  const c = shares(current);
  let rCdf = 0;
  let cCdf = 0;
  let distance = 0;
  for (let i = 0; i < r.length - 1; i++) {
    rCdf += r[i];
    cCdf += c[i];
    distance += Math.abs(rCdf - cCdf) * (midpoints[i + 1] - midpoints[i]);
  }
  return distance;
}

/** The reference's standard deviation over the bin midpoints (population, ddof 0). */
export function binnedStd(counts: number[], midpoints: number[]): number {
  const w = shares(counts);
  const mean = sum(w.map((wi, i) => wi * midpoints[i]));
  return Math.sqrt(sum(w.map((wi, i) => wi * (midpoints[i] - mean) ** 2)));
}

/** Wasserstein-1 divided by max(σ_ref, 0.001). */
export function normedWasserstein(
  reference: number[],
  current: number[],
  midpoints: number[],
): number {
  return (
    wasserstein1(reference, current, midpoints) /
    Math.max(binnedStd(reference, midpoints), 0.001)
  );
}

/** Pearson's χ² of current counts against reference shares; p-value from the χ² distribution with bins − 1 df. */
export function chiSquareTest(
  reference: number[],
  current: number[],
): { statistic: number; pValue: number; degreesOfFreedom: number } {
  checkSameBins(reference, current);
  const r = shares(reference);
  const total = sum(current);
  let statistic = 0;
  for (let i = 0; i < r.length; i++) {
    const expected = r[i] * total;
    if (expected === 0) {
      if (current[i] > 0) statistic = Infinity;
      continue;
    }
    statistic += (current[i] - expected) ** 2 / expected;
  }
  const degreesOfFreedom = r.length - 1;
  const pValue =
    degreesOfFreedom < 1
      ? 1
      : upperRegularizedGamma(degreesOfFreedom / 2, statistic / 2);
  return { statistic, pValue, degreesOfFreedom };
}

export type FeatureDriftInput = {
  method: DriftMethod;
  threshold?: number;
  reference: number[];
  current: number[];
  /** Needed by `wasserstein`. */
  midpoints?: number[];
};

export type FeatureDriftScore = {
  method: DriftMethod;
  score: number;
  threshold: number;
  drifted: boolean;
};

/** One feature's score and verdict by its method; the direction of the threshold depends on the method. */
export function featureDrift(input: FeatureDriftInput): FeatureDriftScore {
  const threshold = input.threshold ?? DEFAULT_DRIFT_THRESHOLDS[input.method];
  switch (input.method) {
    case 'psi': {
      const score = psi(input.reference, input.current);
      return { method: 'psi', score, threshold, drifted: score >= threshold };
    }
    case 'jensenshannon': {
      const score = jensenShannonDistance(input.reference, input.current);
      return {
        method: 'jensenshannon',
        score,
        threshold,
        drifted: score >= threshold,
      };
    }
    case 'wasserstein': {
      if (!input.midpoints) {
        throw new RangeError('wasserstein needs the bin midpoints');
      }
      const score = normedWasserstein(
        input.reference,
        input.current,
        input.midpoints,
      );
      return {
        method: 'wasserstein',
        score,
        threshold,
        drifted: score >= threshold,
      };
    }
    case 'chisquare': {
      const { pValue } = chiSquareTest(input.reference, input.current);
      return {
        method: 'chisquare',
        score: pValue,
        threshold,
        drifted: pValue < threshold,
      };
    }
    default:
      throw new RangeError(`unknown drift method ${input.method}`);
  }
}

/** The dataset verdict: drifted when the share of drifted features reaches `driftShare`. */
export function datasetDrift(
  features: Array<{ drifted: boolean }>,
  driftShare = DEFAULT_DRIFT_SHARE,
): { share: number; drifted: boolean; driftShare: number } {
  const share = features.length
    ? features.filter(f => f.drifted).length / features.length
    : 0;
  return {
    share,
    drifted: features.length > 0 && share >= driftShare,
    driftShare,
  };
}
