import {
  AnalysisMetric,
  ServingHealthQueries,
} from '@mlops-portal/plugin-mlops-node';

/*
 * KServe in its default (Serverless) mode runs each predictor revision as a Knative revision, whose queue-proxy
 * sidecar counts and times every request: `revision_request_count` (counter) and `revision_request_latencies`
 * (histogram, in milliseconds), labelled `namespace_name`, `configuration_name` (`<isvc>-predictor`),
 * `revision_name` and `response_code_class` (Knative Serving's Prometheus metrics, the OpenCensus names of
 * Knative up to 1.18; newer OpenTelemetry exports rename them, and `mlops.health.queries` or a rollout's
 * analysis override them). The arm of a rollout is a revision, so `{{predictor}}` is a revision name and health
 * queries label revisions as `predictor_name`.
 */

const revision =
  'namespace_name="{{namespace}}",configuration_name="{{deployment}}-predictor"';
const asPredictor = (expression: string) =>
  `label_replace(${expression}, "predictor_name", "$1", "revision_name", "(.*)")`;

/**
 * Knative request metrics per revision, relabelled `predictor_name`. Latency in seconds.
 *
 * @public
 */
export const KSERVE_HEALTH_QUERIES: ServingHealthQueries = {
  requestRate: `sum by (predictor_name) (${asPredictor(
    `rate(revision_request_count{${revision}}[{{window}}])`,
  )})`,
  // `or … * 0`: a revision without a single 5xx has no error series at all, and that is 0%, not "no data".
  errorRate: `(sum by (predictor_name) (${asPredictor(
    `rate(revision_request_count{${revision},response_code_class="5xx"}[{{window}}])`,
  )}) or sum by (predictor_name) (${asPredictor(
    `rate(revision_request_count{${revision}}[{{window}}])`,
  )}) * 0) / sum by (predictor_name) (${asPredictor(
    `rate(revision_request_count{${revision}}[{{window}}])`,
  )})`,
  latency: `histogram_quantile({{quantile}}, sum by (le, predictor_name) (${asPredictor(
    `rate(revision_request_latencies_bucket{${revision}}[{{window}}])`,
  )})) / 1000`,
};

const arm = 'namespace_name="{{namespace}}",revision_name="{{predictor}}"';

/**
 * The analysis a rollout on KServe gets unless its request says otherwise: the revision's error ratio and p99
 * latency from Knative's request metrics, bounded absolutely and relative to the stable revision (the same
 * limits as on Seldon).
 *
 * @public
 */
export const KSERVE_ANALYSIS: AnalysisMetric[] = [
  {
    name: 'error-rate',
    // `or vector(0)`: before the first error there is no 5xx series at all, which must read as 0%, not as no data.
    query: `(sum(rate(revision_request_count{${arm},response_code_class="5xx"}[{{window}}])) or vector(0)) / sum(rate(revision_request_count{${arm}}[{{window}}]))`,
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
    query: `histogram_quantile(0.99, sum by (le) (rate(revision_request_latencies_bucket{${arm}}[{{window}}]))) / 1000`,
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
