import {
  ROLLOUT_MEASUREMENTS,
  RolloutEvent,
} from '@mlops-portal/plugin-mlops-common';
import { StoredRollout } from './RolloutStore';
import {
  Readiness,
  ServingTarget,
  TrafficRouter,
} from '@mlops-portal/plugin-mlops-node';
import { RolloutStepActions } from './rolloutStepActions';

const GREEN_READINESS = ROLLOUT_MEASUREMENTS.readiness;
const POLL_MS = 2000;

/**
 * One look at a blue-green's first step: green (the candidate) is deployed beside blue at 0% and must be
 * reported ready by the serving operator (Seldon's per-Deployment available replicas for the current
 * generation, or KServe's latest ready revision), then answer the Model's smoke requests. Ready and answering →
 * the next step switches all traffic at once; a failed smoke request → RolledBack at once; not ready within
 * `readinessTimeoutSeconds` → RolledBack. Either way blue never lost a request.
 */
export async function judgeGreen(
  act: RolloutStepActions,
  look: {
    rollout: StoredRollout;
    stepStart: number;
    router: TrafficRouter;
    target: ServingTarget;
  },
): Promise<void> {
  const { rollout, stepStart, router, target } = look;
  const plan = rollout.blueGreen!;
  const readiness: Readiness = await router
    .canaryReadiness(target)
    .catch(error => ({
      ready: false,
      message: `could not read the readiness: ${error}`,
    }));
  const last = (await act.events(rollout.id))
    .filter(e => e.type === 'measurement' && e.metric === GREEN_READINESS)
    .pop();
  const events: RolloutEvent[] =
    last?.type === 'measurement' && last.message === readiness.message
      ? []
      : [
          act.measurement(rollout, {
            metric: GREEN_READINESS,
            phase: readiness.ready ? 'Successful' : 'Inconclusive',
            message: readiness.message,
          }),
        ];
  if (readiness.ready) {
    const failed = await sendSmokeRequests(act, look, events);
    if (failed) {
      await act.rollBack(
        rollout,
        `green v${rollout.candidateVersion} failed its smoke request ${failed}`,
        events,
      );
      return;
    }
    const smoke = plan.smokeRequests?.length
      ? ` and passed ${plan.smokeRequests.length} smoke request(s)`
      : '';
    await act.nextStep(
      rollout,
      `green v${rollout.candidateVersion} is ready${smoke}: ${readiness.message}`,
      events,
    );
    return;
  }
  if (act.now() - stepStart >= plan.readinessTimeoutSeconds * 1000) {
    await act.rollBack(
      rollout,
      `green v${rollout.candidateVersion} did not become ready in ${plan.readinessTimeoutSeconds} s (${readiness.message})`,
      events,
    );
    return;
  }
  await act.wait(rollout, act.now() + POLL_MS, events);
}

/**
 * Sends the plan's smoke requests to green, one after the other, recording each as a `smoke:<name>`
 * measurement (value: the HTTP status). The first that does not answer its expected status (default 200), or
 * does not answer, stops them: its name and what happened are returned.
 */
async function sendSmokeRequests(
  act: RolloutStepActions,
  look: {
    rollout: StoredRollout;
    router: TrafficRouter;
    target: ServingTarget;
  },
  events: RolloutEvent[],
): Promise<string | undefined> {
  const { rollout, router, target } = look;
  for (const request of rollout.blueGreen?.smokeRequests ?? []) {
    const expected = request.expectStatus ?? 200;
    const started = act.now();
    let outcome: { passed: boolean; status?: number; message: string };
    try {
      const answer = await router.sendToCanary(target, {
        path: request.path,
        body: request.body,
      });
      outcome =
        answer.status === expected
          ? {
              passed: true,
              status: answer.status,
              message: `${answer.status} in ${act.now() - started} ms`,
            }
          : {
              passed: false,
              status: answer.status,
              message: `${
                answer.status
              } instead of ${expected}: ${answer.body.slice(0, 300)}`,
            };
    } catch (error) {
      outcome = { passed: false, message: `no answer: ${error}` };
    }
    events.push(
      act.measurement(rollout, {
        metric: ROLLOUT_MEASUREMENTS.smoke(request.name),
        phase: outcome.passed ? 'Successful' : 'Failed',
        value: outcome.status,
        message: outcome.message,
      }),
    );
    if (!outcome.passed) {
      return `'${request.name}' (${outcome.message})`;
    }
  }
  return undefined;
}
