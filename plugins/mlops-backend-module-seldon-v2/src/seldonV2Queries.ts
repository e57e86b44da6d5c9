import {
  AnalysisMetric,
  ServingHealthQueries,
} from '@mlops-portal/plugin-mlops-node';

/*
 * What Seldon Core v2 exports per model, as the queries the portal reads out of the box (api-contracts §2.3, "v2
 * Prometheus metrics"): the agent beside each model server counts requests in `seldon_model_infer_total` and adds
 * up their seconds in `seldon_model_infer_seconds_total`, both labelled `model` (the Model's name), `code`,
 * `method_type`, `server` and `server_replica`; the scrape adds `namespace`. Its only histogram,
 * `seldon_model_infer_api_seconds`, has no model label (by design: one server hosts many models), so no quantile
 * of one model's latency can be had: latency here is the mean, `rate(seconds) / rate(requests)`.
 *
 * An arm of a rollout is a Model (the stable one, `<stable>-canary-<version>`, `<stable>-shadow`), so
 * `{{predictor}}` is a Model name and health queries label each Model as `predictor_name`.
 */

/**
 * Failed requests: REST answers 5xx, gRPC the codes that map to 5xx (Unknown, DeadlineExceeded, Unimplemented,
 * Internal, Unavailable, DataLoss). A 4xx is the caller's mistake, not the model's.
 */
const FAILED =
  'code=~"5..|Unknown|DeadlineExceeded|Unimplemented|Internal|Unavailable|DataLoss"';

/** The stable Model and the rollout's candidate and shadow Models beside it. */
const models =
  'namespace="{{namespace}}",model=~"{{deployment}}(-canary-.+|-shadow)?"';
const perModel = (expression: string) =>
  `sum by (predictor_name) (label_replace(${expression}, "predictor_name", "$1", "model", "(.*)"))`;
const requests = (selector: string) =>
  `rate(seldon_model_infer_total{${selector}}[{{window}}])`;
const seconds = (selector: string) =>
  `rate(seldon_model_infer_seconds_total{${selector}}[{{window}}])`;

/**
 * Seldon Core v2 agent metrics per Model, relabelled `predictor_name`. `latency` is the mean in seconds whatever
 * `{{quantile}}` asks for: Seldon v2 has no per-model histogram.
 *
 * @public
 */
export const SELDON_V2_HEALTH_QUERIES: ServingHealthQueries = {
  requestRate: perModel(requests(models)),
  // `or … * 0`: a Model without a single failure has no error series at all, and that is 0%, not "no data".
  errorRate: `(${perModel(requests(`${models},${FAILED}`))} or ${perModel(
    requests(models),
  )} * 0) / ${perModel(requests(models))}`,
  latency: `${perModel(seconds(models))} / ${perModel(requests(models))}`,
};

const arm = 'namespace="{{namespace}}",model="{{predictor}}"';

/**
 * The analysis a rollout on Seldon Core v2 gets unless its request says otherwise: the candidate Model's error
 * ratio and its mean latency, each bounded absolutely and relative to the stable Model. The metric is named
 * `mean-latency`, not `p99-latency`, because it is a mean; its bound (100 ms) is tighter than the 250 ms the
 * p99 gets on the other platforms, a mean sitting well below the tail.
 *
 * @public
 */
export const SELDON_V2_ANALYSIS: AnalysisMetric[] = [
  {
    name: 'error-rate',
    // `or vector(0)`: before the first failure there is no such series at all, which must read as 0%, not as no data.
    query: `(sum(${requests(
      `${arm},${FAILED}`,
    )}) or vector(0)) / sum(${requests(arm)})`,
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
    name: 'mean-latency',
    query: `sum(${seconds(arm)}) / sum(${requests(arm)})`,
    successCondition: { operator: '<=', threshold: 0.1 },
    maxRatioToStable: 1.5,
    intervalSeconds: 60,
    initialDelaySeconds: 120,
    count: 3,
    failureLimit: 0,
    inconclusiveLimit: 1,
    consecutiveErrorLimit: 2,
  },
];
