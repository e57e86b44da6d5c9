/*
 * MLflow REST API 2.0 shapes (model_registry.proto, service.proto), as they arrive on the wire: snake_case,
 * int64 timestamps as numbers (ms), versions as strings, and any field may be absent when empty.
 */

export type MlflowTag = { key: string; value: string };

export type MlflowRegisteredModel = {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  description?: string;
  tags?: MlflowTag[];
  aliases?: Array<{ alias: string; version: string }>;
};

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

export type MlflowMetric = {
  key: string;
  value: number;
  timestamp?: number;
  step?: number;
};

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

/** One entry of `artifacts/list`: a path relative to the run's artifact root. */
export type MlflowFileInfo = {
  path: string;
  is_dir?: boolean;
  file_size?: number;
};
