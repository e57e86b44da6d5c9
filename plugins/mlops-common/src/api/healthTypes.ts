import type { HealthSeriesMetric } from './schemas/healthSchemas';

/*
 * The JSON of the mlops backend's health routes (`/api/mlops/v1/entities/:kind/:namespace/:name/health`).
 */

/** `unknown` whenever the metrics could not be read: the portal never says healthy without evidence. @public */
export type HealthStatus = 'ok' | 'warning' | 'critical' | 'unknown';

/** Traffic, errors and latency of one predictor (one served version). @public */
export type PredictorHealth = {
  predictor: string;
  /** The model version the predictor serves, when the serving resource says. */
  version?: string;
  requestsPerSecond?: number;
  /** Share of failed requests, 0..1. */
  errorRate?: number;
  /** Latency quantiles in seconds. */
  latency: { p50?: number; p95?: number; p99?: number };
};

/** A Prometheus alert that carries the Model's labels. @public */
export type ModelAlert = {
  name: string;
  state: 'firing' | 'pending';
  severity?: string;
  summary?: string;
  activeAt?: string;
  labels: Record<string, string>;
};

/** One feature's drift. For `chisquare` the score is a p-value and drift is `score < threshold`. @public */
export type FeatureDriftResult = {
  feature: string;
  kind: 'numerical' | 'categorical' | 'exported';
  method: string;
  score: number;
  threshold: number;
  drifted: boolean;
  /** Observations in the current window (computed drift only). */
  samples?: number;
  /** Scores of earlier windows, oldest first, ending with `score`; for a sparkline. */
  trend?: number[];
};

/**
 * Where a drift reference came from, in the order the portal tries them: `training-run`, the distributions logged
 * with the champion's training run (the MLflow artifact `drift/reference.json`); `after-promotion`, the drift
 * window right after the champion alias moved to the version (from the promotion history); `first-look`, the
 * first distributions the portal saw, a fallback that always carries a `warning`.
 *
 * @public
 */
export type DriftReferenceSource =
  | 'training-run'
  | 'after-promotion'
  | 'first-look';

/** What computed drift is measured against. @public */
export type DriftReference = {
  source: DriftReferenceSource;
  capturedAt: string;
  /** The champion version it belongs to, when known. */
  version?: string;
  reason: string;
  /** Why the reference is not a deliberate one (always set for `first-look`), in words for the page. */
  warning?: string;
};

/**
 * A Model's data drift: the verdict, each feature's score, and what the scores are measured against.
 *
 * @public
 */
export type DriftReport = {
  /** `gauges`: scores a monitoring job exports; `histograms`: computed by the portal; `none`: neither found. */
  source: 'gauges' | 'histograms' | 'none';
  verdict: 'drifted' | 'stable' | 'insufficient-data' | 'unknown';
  /** Share of drifted features, and the share at which the dataset counts as drifted. */
  share: number;
  driftShare: number;
  features: FeatureDriftResult[];
  /** The window the current distributions cover, e.g. `1h`. */
  window?: string;
  reference?: DriftReference;
  message?: string;
};

/**
 * The freshness in Feast of one feature view the Model reads (`spec.featureViews`): stale when its online store's
 * last materialization is older than its TTL. `error` when it could not be read. @public
 */
export type ModelInputFreshness = {
  /** The FeatureView entity. */
  featureView: string;
  stale?: boolean;
  ageSeconds?: number;
  ttlSeconds?: number;
  error?: string;
};

/** Which part of the health answer came from where, and which part failed. @public */
export type HealthSource = {
  name: 'metrics' | 'alerts' | 'drift' | 'serving' | 'inputs';
  ok: boolean;
  error?: string;
};

/**
 * A Model's health as `GET …/health` answers it: a status with its reasons, per-predictor traffic, alerts, drift and input freshness.
 *
 * @public
 */
export type ModelHealth = {
  entityRef: string;
  status: HealthStatus;
  reasons: string[];
  checkedAt: string;
  prometheus: string;
  window: string;
  predictors: PredictorHealth[];
  alerts: ModelAlert[];
  drift: DriftReport;
  /** The freshness of the feature views the Model reads; absent when it reads none. */
  inputs?: ModelInputFreshness[];
  /** `batch` (spec.serving.mode): scored in pipeline runs, so no traffic is expected and none is read. */
  servingMode?: 'online' | 'batch';
  sources: HealthSource[];
  /** The thresholds the status was judged by (error rate 0..1, p99 latency in seconds). */
  thresholds: {
    errorRate: { warning: number; critical: number };
    p99LatencySeconds: { warning: number; critical: number };
  };
};

/**
 * One health metric over a range, as `GET …/health/series` answers it: a time series per predictor.
 *
 * @public
 */
export type HealthSeries = {
  metric: HealthSeriesMetric;
  range: string;
  stepSeconds: number;
  series: Array<{
    predictor: string;
    version?: string;
    points: Array<{ t: number; v: number }>;
  }>;
};

/** A Kubeflow run the portal started because the Model's inputs drifted. @public */
export type RetrainingRun = {
  entityRef: string;
  pipelineRef: string;
  kubeflowInstance: string;
  runId: string;
  reason: string;
  startedAt: string;
  /** The run's state in Kubeflow when read (absent when Kubeflow could not be asked). */
  state?: string;
};
