import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import {
  jensenShannonDistance,
  psi,
} from '../../shared/statistics/driftStatistics';
import { numericalFromBuckets } from '../../shared/statistics/featureHistograms';
import { AnalysisTarget } from './analysisTypes';

/**
 * The histogram of predicted scores the model server exports per predictor (the same convention as the feature
 * histograms of drift: a Prometheus histogram with Seldon's `deployment_name`/`predictor_name` labels), summed
 * since `{{range}}` ago so the whole comparison period counts.
 */
export const PREDICTION_HISTOGRAM_QUERY =
  'sum by (predictor_name, le) (increase(mlops_model_prediction_bucket{namespace="{{namespace}}",deployment_name="{{deployment}}",predictor_name=~"{{stable}}|{{candidate}}"}[{{range}}]))';

/** How alike two predictors' predictions are: the drift module's PSI and Jensen–Shannon distance. */
export type PredictionComparison = {
  psi: number;
  jensenShannon: number;
  /** Predictions counted per predictor. */
  stableCount: number;
  candidateCount: number;
};

/**
 * Reads both predictors' prediction histograms since `since` and compares them. `undefined` when either has no
 * predictions yet; throws on a query error or when the two histograms' buckets differ.
 */
export async function comparePredictions(
  target: AnalysisTarget,
  prometheus: PrometheusClient,
  since: number,
  now: number,
): Promise<PredictionComparison | undefined> {
  const range = `${Math.max(1, Math.ceil((now - since) / 1000))}s`;
  const samples = await prometheus.query(
    PREDICTION_HISTOGRAM_QUERY.replace(/\{\{namespace\}\}/g, target.namespace)
      .replace(/\{\{deployment\}\}/g, target.deployment)
      .replace(/\{\{stable\}\}/g, target.stablePredictor)
      .replace(/\{\{candidate\}\}/g, target.canaryPredictor)
      .replace(/\{\{range\}\}/g, range),
    new Date(now),
  );
  const histograms = numericalFromBuckets(samples, 'predictor_name');
  const stable = histograms[target.stablePredictor];
  const candidate = histograms[target.canaryPredictor];
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  if (
    !stable ||
    !candidate ||
    !total(stable.counts) ||
    !total(candidate.counts)
  ) {
    return undefined;
  }
  if (stable.upperBounds.join() !== candidate.upperBounds.join()) {
    throw new Error(
      `the predictors' prediction histograms have different buckets (${stable.upperBounds.join()} vs ${candidate.upperBounds.join()})`,
    );
  }
  return {
    psi: psi(stable.counts, candidate.counts),
    jensenShannon: jensenShannonDistance(stable.counts, candidate.counts),
    stableCount: Math.round(total(stable.counts)),
    candidateCount: Math.round(total(candidate.counts)),
  };
}
