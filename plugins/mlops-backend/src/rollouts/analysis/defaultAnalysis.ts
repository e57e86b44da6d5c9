import { AnalysisMetric } from './analysisTypes';

const selector =
  'namespace="{{namespace}}",deployment_name="{{deployment}}",predictor_name="{{predictor}}",service="predictions"';

/**
 * The analysis a canary gets unless the request says otherwise: the Seldon executor's error ratio and p99
 * latency (api-contracts §4.5), each bounded absolutely and relative to the stable predictor.
 */
export const defaultAnalysisMetrics: AnalysisMetric[] = [
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
