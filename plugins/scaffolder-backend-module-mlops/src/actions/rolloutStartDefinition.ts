import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import {
  RolloutRecord,
  rolloutRequestSchema,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { contractInput } from './contractInput';
import { callMlopsBackend, MlopsBackendDeps } from './mlopsBackendCall';

const FINISHED: RolloutState[] = [
  'Succeeded',
  'RolledBack',
  'Aborted',
  'Failed',
];

/**
 * What both rollout actions are built with.
 *
 * @public
 */
export type RolloutStartOptions = MlopsBackendDeps & {
  /** How often a waiting task reads the rollout; 10 s unless a test needs it faster. */
  pollIntervalMs?: number;
};

// The request's fields are the backend's own schema (`POST /v1/rollouts`), so the scaffolder refuses what the
// backend would (e.g. a baselineRate outside (0, 1)) before anything is called.
const request = rolloutRequestSchema.shape;

/**
 * The definition `mlops:rollout:start` and `mlops:canary:start` share: the same inputs, outputs and behaviour
 * under two ids. It starts a rollout through the mlops backend (the Deployment tab's route, permission
 * `mlops.rollout.manage`, one-rollout-per-model rule and audit). By default it returns once the rollout is
 * started; with `waitForCompletion` it polls until the rollout finishes and fails the task unless it Succeeded. A
 * Paused rollout keeps the task waiting (a person decides), up to `timeoutMinutes`. A dry run asks the backend for
 * the plan, so permission, version, gates and a running rollout are all checked.
 */
export function rolloutStartAction(
  id: 'mlops:canary:start' | 'mlops:rollout:start',
  options: RolloutStartOptions & { examples: TemplateExample[] },
) {
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;
  return createTemplateAction({
    id,
    description:
      "Starts a rollout of a Model version: a canary (5% → 25% → 100% by default), an A/B test judged by a two-proportion z-test, a shadow compared with stable, or a blue-green switch, with the portal's Prometheus analysis and automatic rollback",
    examples: options.examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          contractInput(
            z,
            request.entityRef,
            'The Model entity, e.g. model:default/fraud-detector',
          ),
        version: z =>
          contractInput(z, request.version, 'The registry version to roll out'),
        alias: z =>
          contractInput(
            z,
            request.alias,
            'The alias to move on success (default champion)',
          ),
        steps: z =>
          contractInput(
            z,
            request.steps,
            "The canary's steps; the last must be weight 100 (default 5%/300 s, 25%/600 s, 100%)",
          ),
        strategy: z =>
          contractInput(
            z,
            request.strategy,
            'canary (default), abtest, shadow or bluegreen',
          ),
        abTest: z =>
          contractInput(
            z,
            request.abTest,
            'The A/B test plan: the split, the baseline success rate and the smallest effect worth detecting (α 0.05 and power 0.8 by default)',
          ),
        shadow: z =>
          contractInput(
            z,
            request.shadow,
            'The shadow plan: how long to mirror traffic (default 3600 s) and the limits of PSI and Jensen–Shannon distance between the predictions (default 0.1 each)',
          ),
        blueGreen: z =>
          contractInput(
            z,
            request.blueGreen,
            'The blue-green plan: how long green may take to become ready (default 600 s) and how long blue stays warm after the switch (default 900 s)',
          ),
        analysis: z =>
          contractInput(
            z,
            request.analysis,
            "Overrides of the analysis' timing and limits (intervalSeconds, initialDelaySeconds, count, failureLimit, inconclusiveLimit, consecutiveErrorLimit)",
          ),
        waitForCompletion: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait until the rollout finishes, and fail unless it Succeeded',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(24 * 60)
            .optional()
            .describe(
              'How long to wait (default 120); the rollout itself goes on',
            ),
      },
      output: {
        rolloutId: z =>
          z.string().optional().describe('The rollout (absent in a dry run)'),
        state: z =>
          z
            .string()
            .describe(
              'The rollout state when the action returned (Progressing, or the final state when waiting)',
            ),
        baselineVersion: z =>
          z
            .string()
            .optional()
            .describe('The version the alias pointed at when it started'),
      },
    },
    async handler(ctx) {
      const {
        entityRef,
        version,
        alias,
        steps,
        strategy,
        abTest,
        shadow,
        blueGreen,
        analysis,
      } = ctx.input;
      const call = async <T>(req: {
        method: 'GET' | 'POST';
        path: string;
        body?: unknown;
      }) =>
        callMlopsBackend<T>(options, await ctx.getInitiatorCredentials(), req);
      const body = {
        entityRef,
        version,
        alias,
        steps,
        strategy,
        abTest,
        shadow,
        blueGreen,
        analysis,
      };

      if (ctx.isDryRun) {
        const plan = await call<RolloutRecord>({
          method: 'POST',
          path: '/v1/rollouts',
          body: { ...body, dryRun: true },
        });
        ctx.logger.info(
          `Would roll ${entityRef} out from v${
            plan.baselineVersion ?? '–'
          } to v${version} on ${plan.target.platform} ${
            plan.target.namespace
          }/${plan.target.name} ${describePlan(plan)}`,
        );
        ctx.output('state', 'would-start');
        if (plan.baselineVersion) {
          ctx.output('baselineVersion', plan.baselineVersion);
        }
        return;
      }

      // A retried task must not start a second rollout (the backend would answer 409 anyway).
      const started = await ctx.checkpoint({
        key: `mlops.canary.start.${entityRef}.${version}`,
        fn: async () => {
          const rollout = await call<RolloutRecord>({
            method: 'POST',
            path: '/v1/rollouts',
            body,
          });
          return {
            id: rollout.id,
            state: rollout.state,
            baselineVersion: rollout.baselineVersion ?? null,
          };
        },
      });
      ctx.logger.info(
        `Rollout ${started.id} of ${entityRef} v${version} started`,
      );
      ctx.output('rolloutId', started.id);
      if (started.baselineVersion) {
        ctx.output('baselineVersion', started.baselineVersion);
      }
      if (!ctx.input.waitForCompletion) {
        ctx.output('state', started.state);
        return;
      }

      const deadline =
        Date.now() + (ctx.input.timeoutMinutes ?? 120) * 60 * 1000;
      let seen = '';
      for (;;) {
        const rollout = await call<RolloutRecord>({
          method: 'GET',
          path: `/v1/rollouts/${encodeURIComponent(started.id)}`,
        });
        const status = `${rollout.state} at step ${rollout.stepIndex + 1}/${
          rollout.steps.length
        }${rollout.stateReason ? ` (${rollout.stateReason})` : ''}`;
        if (status !== seen) {
          ctx.logger.info(`Rollout ${started.id}: ${status}`);
          seen = status;
        }
        if (FINISHED.includes(rollout.state)) {
          ctx.output('state', rollout.state);
          if (rollout.state !== 'Succeeded') {
            throw new Error(
              `Rollout ${started.id} ended ${rollout.state}: ${
                rollout.stateReason ?? 'no reason given'
              }`,
            );
          }
          return;
        }
        if (Date.now() >= deadline || ctx.signal?.aborted) {
          ctx.output('state', rollout.state);
          throw new Error(
            `Stopped waiting for rollout ${started.id}: it is still ${rollout.state}; it goes on in the portal`,
          );
        }
        await sleep(pollIntervalMs, undefined, { signal: ctx.signal }).catch(
          () => undefined,
        );
      }
    },
  });
}

/** A rollout plan in words, for a dry run's log. */
function describePlan(plan: RolloutRecord): string {
  if (plan.abTest) {
    return `as an A/B test at ${plan.abTest.candidateShare}% until ${plan.abTest.plannedPerArm} trials per arm`;
  }
  if (plan.shadow) {
    return `as a shadow for ${plan.shadow.durationSeconds} s (PSI < ${plan.shadow.maxPsi}, Jensen–Shannon < ${plan.shadow.maxJensenShannon})`;
  }
  if (plan.blueGreen) {
    return `blue-green: green at 0% until ready (≤ ${plan.blueGreen.readinessTimeoutSeconds} s), then 100% with blue warm for ${plan.blueGreen.warmSeconds} s`;
  }
  return `in steps ${plan.steps.map(s => `${s.weight}%`).join(' → ')}`;
}
