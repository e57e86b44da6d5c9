import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  PipelineRunRequest,
  pipelineRunRequestSchema,
  PipelineRunsView,
  PipelineRunSummary,
} from '@mlops-portal/plugin-mlops-common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  callMlopsBackend,
  MlopsBackendDeps,
  entityPath,
} from './mlopsBackendCall';
import { contractInput } from './contractInput';
import { kfpRunExamples } from './kfpRun.examples';

// The backend's own request schema (`POST …/runs`), so the scaffolder refuses what the backend would.
const request = pipelineRunRequestSchema.shape;

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELED', 'SKIPPED'];

/**
 * `mlops:kfp:run`: starts a run of a Pipeline entity's Kubeflow pipeline through the mlops backend (permission
 * `mlops.pipeline.run`, parameters checked against the pipeline's declared inputs, audited). With
 * `waitForCompletion` it polls until the run reaches a terminal state and fails the step unless it SUCCEEDED.
 * A dry run reads the pipeline's parameters and checks the given ones by name, starting nothing.
 *
 * @public
 */
export function createKfpRunAction(
  options: MlopsBackendDeps & { pollIntervalMs?: number },
) {
  const pollIntervalMs = options.pollIntervalMs ?? 15_000;
  return createTemplateAction({
    id: 'mlops:kfp:run',
    description:
      "Starts a Kubeflow Pipelines run of a Pipeline entity's pipeline, optionally waiting until it finishes",
    examples: kfpRunExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The Pipeline entity, e.g. pipeline:default/fraud-detector-training',
            ),
        parameters: z =>
          contractInput(
            z,
            request.parameters,
            "The run's parameters (by the pipeline's input names)",
          ),
        displayName: z =>
          contractInput(
            z,
            request.displayName,
            'The name of the run in Kubeflow',
          ),
        experiment: z =>
          contractInput(
            z,
            request.experiment,
            'The Kubeflow experiment (display name) to file the run under; created when missing',
          ),
        pipelineVersionId: z =>
          contractInput(
            z,
            request.pipelineVersionId,
            'A pipeline version id (default: the latest version)',
          ),
        waitForCompletion: z =>
          z
            .boolean()
            .optional()
            .describe('Wait for SUCCEEDED (or fail on FAILED / CANCELED)'),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(24 * 60)
            .optional()
            .describe('How long to wait (default 180)'),
      },
      output: {
        runId: z => z.string().optional().describe('The Kubeflow run id'),
        state: z => z.string().describe('The run state when the step ended'),
      },
    },
    async handler(ctx) {
      const path = `/v1/entities/${entityPath(
        ctx.input.entityRef,
        'pipeline',
      )}/runs`;
      const call = async <T>(method: 'GET' | 'POST', body?: unknown) =>
        callMlopsBackend<T>(options, await ctx.getInitiatorCredentials(), {
          method,
          path,
          body,
        });
      const parameters = ctx.input.parameters ?? {};
      if (ctx.isDryRun) {
        const view = await call<PipelineRunsView>('GET');
        const unknown = Object.keys(parameters).filter(
          name => !view.parameters.some(p => p.name === name),
        );
        if (unknown.length) {
          throw new Error(
            `${ctx.input.entityRef} has no parameter ${unknown.join(', ')}`,
          );
        }
        ctx.logger.info(
          `Would run ${view.pipelineName} on Kubeflow ${
            view.kubeflowInstance
          } with ${JSON.stringify(parameters)}`,
        );
        ctx.output('state', 'would-start');
        return;
      }
      const started = await ctx.checkpoint({
        key: `mlops.kfp.run.${ctx.input.entityRef}.${JSON.stringify(
          parameters,
        )}`,
        fn: async () => {
          const body: PipelineRunRequest = {
            parameters,
            displayName: ctx.input.displayName,
            experiment: ctx.input.experiment,
            pipelineVersionId: ctx.input.pipelineVersionId,
          };
          const run = await call<PipelineRunSummary>('POST', body);
          return { id: run.id, state: run.state };
        },
      });
      ctx.output('runId', started.id);
      ctx.logger.info(`Kubeflow run ${started.id} started`);
      if (!ctx.input.waitForCompletion) {
        ctx.output('state', started.state);
        return;
      }
      const deadline =
        Date.now() + (ctx.input.timeoutMinutes ?? 180) * 60 * 1000;
      let seen = started.state;
      for (;;) {
        const view = await call<PipelineRunsView>('GET');
        const run = view.runs.find(r => r.id === started.id);
        const state = run?.state ?? 'UNKNOWN';
        if (state !== seen) {
          ctx.logger.info(`Kubeflow run ${started.id}: ${state}`);
          seen = state;
        }
        if (TERMINAL.includes(state)) {
          ctx.output('state', state);
          if (state !== 'SUCCEEDED') {
            throw new Error(
              `Kubeflow run ${started.id} ended ${state}${
                run?.error ? `: ${run.error}` : ''
              }`,
            );
          }
          return;
        }
        if (Date.now() >= deadline || ctx.signal?.aborted) {
          ctx.output('state', state);
          throw new Error(
            `Stopped waiting for Kubeflow run ${started.id}: it is still ${state}`,
          );
        }
        await sleep(pollIntervalMs, undefined, { signal: ctx.signal }).catch(
          () => undefined,
        );
      }
    },
  });
}
