import {
  AnalysisMetric,
  ServingHealthQueries,
} from '@mlops-portal/plugin-mlops-node';

/*
 * What Seldon Core v1's executor (service orchestrator) exports per predictor, as the queries the portal reads
 * out of the box: `seldon_api_executor_server_requests_seconds_{count,bucket}` with `deployment_name`,
 * `predictor_name`, `code` and `service` labels (api-contracts §2, §4.5).
 */

const seldon =
  'namespace="{{namespace}}",deployment_name="{{deployment}}",service="predictions"';

/**
 * Seldon Core v1 executor metrics per predictor (api-contracts §2, §4.5).
 *
 * @public
 */
export const SELDON_V1_HEALTH_QUERIES: ServingHealthQueries = {
  requestRate: `sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon}}[{{window}}]))`,
  // `or … * 0`: a predictor without a single 5xx has no error series at all, and that is 0%, not "no data".
  errorRate: `(sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon},code=~"5.."}[{{window}}])) or sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon}}[{{window}}])) * 0) / sum by (predictor_name) (rate(seldon_api_executor_server_requests_seconds_count{${seldon}}[{{window}}]))`,
  latency: `histogram_quantile({{quantile}}, sum by (le, predictor_name) (rate(seldon_api_executor_server_requests_seconds_bucket{${seldon}}[{{window}}])))`,
};

const selector =
  'namespace="{{namespace}}",deployment_name="{{deployment}}",predictor_name="{{predictor}}",service="predictions"';

/**
 * The analysis a rollout on Seldon Core v1 gets unless its request says otherwise: the Seldon executor's error ratio and p99
 * latency (api-contracts §4.5), each bounded absolutely and relative to the stable predictor.
 *
 * @public
 */
export const SELDON_V1_ANALYSIS: AnalysisMetric[] = [
  {
    name: 'error-rate',
    // `or vector(0)`: before the first error there is no 5xx series at all, which must read as 0%, not as no data.
    query: `(sum(rate(seldon_api_executor_server_requests_seconds_count{${selector},code=~"5.."}[{{window}}])) or vector(0)) / sum(rate(seldon_api_executor_server_requests_seconds_count{${selector}}[{{window}}]))`,
    successCondition: { operator: '<=', threshold: 0.02 },
    maxRatioToStable: 2,
    intervalSeconds: 60,
    initialDelaySeconds: 120,
    count: 3,
    failureLimit: 0,
    inconclusiveLimit: 1,
    consecutiveErrorLimit: 2,
  },
  {
    name: 'p99-latency',
    query: `histogram_quantile(0.99, sum by (le) (rate(seldon_api_executor_server_requests_seconds_bucket{${selector}}[{{window}}])))`,
    successCondition: { operator: '<=', threshold: 0.25 },
    maxRatioToStable: 1.5,
    intervalSeconds: 60,
    initialDelaySeconds: 120,
    count: 3,
    failureLimit: 0,
    inconclusiveLimit: 1,
    consecutiveErrorLimit: 2,
  },
];
