/*
 * Kubeflow Pipelines v2beta1 REST messages (api-contracts §3.4), as the API server sends them: snake_case names,
 * empty fields omitted, int64 as strings, enums by name.
 */

/**
 * `RuntimeState`: where a run or task is in its life.
 *
 * @public
 */
export type KfpRuntimeState =
  | 'RUNTIME_STATE_UNSPECIFIED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'SKIPPED'
  | 'FAILED'
  | 'CANCELING'
  | 'CANCELED'
  | 'PAUSED';

/**
 * `Pipeline`: a pipeline as registered, without its versions.
 *
 * @public
 */
export type KfpPipeline = {
  pipeline_id: string;
  display_name?: string;
  name?: string;
  description?: string;
  created_at?: string;
  namespace?: string;
};

/**
 * `Run`: one run of a pipeline version, with its parameters, state and task details.
 *
 * @public
 */
export type KfpRun = {
  run_id: string;
  display_name: string;
  experiment_id?: string;
  description?: string;
  pipeline_version_reference?: {
    pipeline_id: string;
    pipeline_version_id?: string;
  };
  runtime_config?: {
    parameters?: Record<string, unknown>;
    pipeline_root?: string;
  };
  service_account?: string;
  storage_state?: 'AVAILABLE' | 'ARCHIVED';
  created_at?: string;
  scheduled_at?: string;
  finished_at?: string;
  state?: KfpRuntimeState;
  error?: { code?: number; message?: string };
  /** The run's tasks; `GET /runs/{run_id}` fills it (a list may leave it out). */
  run_details?: {
    pipeline_context_id?: string;
    pipeline_run_context_id?: string;
    task_details?: KfpTaskDetail[];
  };
};

/**
 * `PipelineTaskDetail`: one task of a run (an executor, or a DAG with `child_tasks`).
 *
 * @public
 */
export type KfpTaskDetail = {
  run_id?: string;
  task_id?: string;
  display_name?: string;
  create_time?: string;
  start_time?: string;
  end_time?: string;
  state?: KfpRuntimeState;
  error?: { code?: number; message?: string };
  parent_task_id?: string;
  pod_name?: string;
  child_tasks?: Array<{ task_id?: string; pod_name?: string }>;
};

/**
 * What a new run needs: the pipeline (latest version unless given), its parameters, an experiment.
 *
 * @public
 */
export type KfpRunRequest = {
  display_name: string;
  description?: string;
  experiment_id?: string;
  pipeline_version_reference: {
    pipeline_id: string;
    pipeline_version_id?: string;
  };
  runtime_config?: { parameters?: Record<string, unknown> };
};

/**
 * The type of a pipeline parameter in the compiled IR's `inputDefinitions`.
 *
 * @public
 */
export type KfpParameterType =
  | 'NUMBER_DOUBLE'
  | 'NUMBER_INTEGER'
  | 'STRING'
  | 'BOOLEAN'
  | 'LIST'
  | 'STRUCT'
  | 'PARAMETER_TYPE_ENUM_UNSPECIFIED';

/**
 * `PipelineVersion`: one version of a pipeline, with its compiled spec.
 *
 * @public
 */
export type KfpPipelineVersion = {
  pipeline_id: string;
  pipeline_version_id: string;
  display_name?: string;
  name?: string;
  created_at?: string;
  /** The compiled IR (api-contracts §3.6); `root.inputDefinitions.parameters` are the run parameters. */
  pipeline_spec?: {
    root?: {
      inputDefinitions?: {
        parameters?: Record<
          string,
          {
            parameterType?: KfpParameterType;
            defaultValue?: unknown;
            isOptional?: boolean;
            description?: string;
          }
        >;
      };
    };
    [field: string]: unknown;
  };
};

/**
 * `RecurringRun`: a run scheduled by cron or interval.
 *
 * @public
 */
export type KfpRecurringRun = {
  recurring_run_id: string;
  display_name: string;
  description?: string;
  pipeline_version_reference?: {
    pipeline_id: string;
    pipeline_version_id?: string;
  };
  trigger?: {
    cron_schedule?: { cron?: string; start_time?: string; end_time?: string };
    periodic_schedule?: { interval_second?: string };
  };
  status?: 'ENABLED' | 'DISABLED' | 'STATUS_UNSPECIFIED';
  max_concurrency?: string;
  created_at?: string;
  namespace?: string;
};

/**
 * `Experiment`: a group of runs.
 *
 * @public
 */
export type KfpExperiment = {
  experiment_id: string;
  display_name: string;
  description?: string;
  namespace?: string;
  created_at?: string;
  storage_state?: 'AVAILABLE' | 'ARCHIVED' | string;
};
