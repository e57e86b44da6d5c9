import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { AbCounts } from './abTestStatistics';
import { AnalysisTarget } from './analysisTypes';

const selector =
  'namespace="{{namespace}}",deployment_name="{{deployment}}",predictor_name="{{predictor}}"';

/**
 * The counts an A/B test judges, per predictor since the test began: answered requests by business outcome,
 * from the counter `mlops_model_outcome_total{outcome="success"|"failure"}` the model server (or the service
 * in front of it) exports with Seldon's deployment and predictor labels. `{{range}}` is the time since the split
 * was set, so traffic from before the test is not counted.
 */
export const AB_TEST_QUERIES = {
  successes: `sum(increase(mlops_model_outcome_total{${selector},outcome="success"}[{{range}}]))`,
  trials: `sum(increase(mlops_model_outcome_total{${selector}}[{{range}}]))`,
};

/** Successes and trials of the stable (A) and candidate (B) predictors since `since`. Throws on a query error. */
export async function measureAbCounts(
  target: AnalysisTarget,
  prometheus: PrometheusClient,
  since: number,
  now: number,
): Promise<AbCounts> {
  const range = `${Math.max(1, Math.ceil((now - since) / 1000))}s`;
  const read = async (query: string, predictor: string) => {
    const [sample] = await prometheus.query(
      query
        .replace(/\{\{namespace\}\}/g, target.namespace)
        .replace(/\{\{deployment\}\}/g, target.deployment)
        .replace(/\{\{predictor\}\}/g, predictor)
        .replace(/\{\{range\}\}/g, range),
      new Date(now),
    );
    // increase() extrapolates to the range's edges; counts are whole.
    return sample && Number.isFinite(sample.value)
      ? Math.max(0, Math.round(sample.value))
      : 0;
  };
  const [successesA, trialsA, successesB, trialsB] = await Promise.all([
    read(AB_TEST_QUERIES.successes, target.stablePredictor),
    read(AB_TEST_QUERIES.trials, target.stablePredictor),
    read(AB_TEST_QUERIES.successes, target.canaryPredictor),
    read(AB_TEST_QUERIES.trials, target.canaryPredictor),
  ]);
  return {
    successesA: Math.min(successesA, trialsA),
    trialsA,
    successesB: Math.min(successesB, trialsB),
    trialsB,
  };
}
