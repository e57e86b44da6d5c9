/*
 * The shapes the MLflow stand-in (MlflowFake.ts) takes and answers: its requests and responses, and the seed of a
 * registered version.
 */

/**
 * A request as the fake sees it: method, path below `/api/2.0/mlflow` (for the artifact proxy, its path below
 * `/api/2.0`, i.e. `/mlflow-artifacts/artifacts/…`), query and raw body.
 */
export type MlflowFakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType?: string;
  body?: string;
};

export type MlflowFakeResponse = {
  status: number;
  contentType: 'application/json' | 'text/html' | 'application/octet-stream';
  body: string;
};

export type VersionSeed = {
  metrics: Record<string, number>;
  createdAt: number;
  userId?: string;
  description?: string;
  params?: Record<string, string>;
  /** Model version tags, e.g. `kfp_run_id` naming the Kubeflow run that registered it. */
  tags?: Record<string, string>;
  /** Files the training run logged, by path below its artifact root (e.g. `drift/reference.json`). */
  artifacts?: Record<string, string>;
  /** The experiment the training run was logged in; `1` unless given. */
  experimentId?: string;
};
