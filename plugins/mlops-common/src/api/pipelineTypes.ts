/*
 * The JSON of the mlops backend's pipeline routes (`/api/mlops/v1/entities/pipeline/:namespace/:name/runs`).
 */

/** A run parameter of the pipeline's latest version (its compiled spec's `root.inputDefinitions`). @public */
export type PipelineParameter = {
  name: string;
  type:
    | 'NUMBER_DOUBLE'
    | 'NUMBER_INTEGER'
    | 'STRING'
    | 'BOOLEAN'
    | 'LIST'
    | 'STRUCT'
    | string;
  defaultValue?: unknown;
  optional: boolean;
};

/**
 * One Kubeflow run of a Pipeline, as the Runs tab shows it.
 *
 * @public
 */
export type PipelineRunSummary = {
  id: string;
  name: string;
  state: string;
  createdAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
  parameters: Record<string, unknown>;
  error?: string;
  /** For a failed run: the task that failed and Kubeflow's message for it (from the run's task details). */
  failedTask?: PipelineRunFailedTask;
  /** The Kubeflow experiment the run is filed under. */
  experimentId?: string;
  /** The run in the Kubeflow UI, when `uiUrl` is configured. */
  url?: string;
  /** The MLflow model versions this run registered (their `kfp_run_id` tag names it). */
  modelVersions?: RunModelVersion[];
};

/** The task that failed a Kubeflow run, as its task details name it. @public */
export type PipelineRunFailedTask = {
  /** The task's display name (`set_display_name`, else the component's name). */
  name: string;
  /** Kubeflow's error message for the task, when it has one. */
  message?: string;
  /** The pod that ran it, to look up its logs. */
  podName?: string;
};

/** A model version a pipeline run registered in MLflow. @public */
export type RunModelVersion = {
  /** The Model entity. */
  modelRef: string;
  registeredModel: string;
  version: string;
};

/**
 * A recurring run (schedule) of a Pipeline in Kubeflow.
 *
 * @public
 */
export type PipelineRecurringRun = {
  id: string;
  name: string;
  schedule?: string;
  enabled: boolean;
};

/**
 * A Pipeline's runs, recurring runs and run parameters, as `GET …/runs` answers them.
 *
 * @public
 */
export type PipelineRunsView = {
  kubeflowInstance: string;
  pipelineId: string;
  pipelineName: string;
  runs: PipelineRunSummary[];
  recurringRuns: PipelineRecurringRun[];
  parameters: PipelineParameter[];
  /** Why runs carry no model version links: MLflow could not be read. */
  modelVersionsError?: string;
};
