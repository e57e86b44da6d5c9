import { z } from 'zod';

/*
 * The pipeline part of `/api/mlops/v1` (`/v1/entities/pipeline/:namespace/:name/runs`): what starting a run
 * accepts. The views it answers with are typed in `../pipelineTypes`.
 */

/**
 * A run parameter's value as JSON carries it; the backend checks it against the pipeline's declared type.
 *
 * @public
 */
export const pipelineParameterValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.unknown()),
  z.record(z.unknown()),
]);

/**
 * `POST /v1/entities/pipeline/:namespace/:name/runs`: start a Kubeflow run of the Pipeline's pipeline.
 *
 * @public
 */
export const pipelineRunRequestSchema = z
  .object({
    /** The run's parameters by the pipeline's input names; none when absent. */
    parameters: z.record(pipelineParameterValueSchema).optional(),
    /** The run's name in Kubeflow. */
    displayName: z.string().trim().min(1).max(128).optional(),
    /** The Kubeflow experiment (display name) to file the run under; created when missing. */
    experiment: z.string().trim().min(1).max(128).optional(),
    /** A pipeline version id; the latest version when absent. */
    pipelineVersionId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/**
 * The body of `POST …/runs` that starts a Kubeflow run of a Pipeline (`pipelineRunRequestSchema`).
 *
 * @public
 */
export type PipelineRunRequest = z.infer<typeof pipelineRunRequestSchema>;
