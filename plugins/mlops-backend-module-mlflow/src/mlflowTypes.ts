/*
 * MLflow REST API 2.0 shapes (model_registry.proto, service.proto), as they arrive on the wire: snake_case,
 * int64 timestamps as numbers (ms), versions as strings, and any field may be absent when empty.
 */

/**
 * A tag (or a run parameter) as MLflow sends it: a key and its value.
 *
 * @public
 */
export type MlflowTag = { key: string; value: string };

/**
 * `RegisteredModel`: a registered model with its tags and aliases.
 *
 * @public
 */
export type MlflowRegisteredModel = {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  description?: string;
  tags?: MlflowTag[];
  aliases?: Array<{ alias: string; version: string }>;
};

/**
 * `ModelVersion`: one version of a registered model, with where it was logged from.
 *
 * @public
 */
export type MlflowModelVersion = {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';
  status_message?: string;
  tags?: MlflowTag[];
  run_link?: string;
  /** Present on get and get-by-alias, absent from search results. */
  aliases?: string[];
};

/**
 * `Metric`: one value of a run's metric.
 *
 * @public
 */
export type MlflowMetric = {
  key: string;
  value: number;
  timestamp?: number;
  step?: number;
};

/**
 * `Run`: a tracking run's info (status, artifact root) and data (metrics, params, tags).
 *
 * @public
 */
export type MlflowRun = {
  info: {
    run_id: string;
    run_name?: string;
    experiment_id?: string;
    status?: string;
    start_time?: number;
    end_time?: number;
    artifact_uri?: string;
    lifecycle_stage?: string;
  };
  data?: {
    metrics?: MlflowMetric[];
    params?: MlflowTag[];
    tags?: MlflowTag[];
  };
};

/**
 * One entry of `artifacts/list`: a path relative to the run's artifact root.
 *
 * @public
 */
export type MlflowFileInfo = {
  path: string;
  is_dir?: boolean;
  file_size?: number;
};
