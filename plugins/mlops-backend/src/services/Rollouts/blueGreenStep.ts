import { RolloutEvent } from '@mlops-portal/plugin-mlops-common';
import { StoredRollout } from '../../database/RolloutStore';
import {
  Readiness,
  ServingTarget,
  TrafficRouter,
} from '../TrafficRouting/TrafficRouter';
import { RolloutStepActions } from './rolloutStepActions';

/** The measurement events of a blue-green's readiness checks (recorded when what the operator says changes). */
export const GREEN_READINESS = 'readiness';
const POLL_MS = 2000;

/**
 * One look at a blue-green's first step: green (the candidate) is deployed beside blue at 0% and must be
 * reported ready by the serving operator (Seldon's per-Deployment available replicas for the current
 * generation, or KServe's latest ready revision). Ready → the next step switches all traffic at once; not ready
 * within `readinessTimeoutSeconds` → RolledBack, blue never lost a request.
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
    await act.nextStep(
      rollout,
      `green v${rollout.candidateVersion} is ready: ${readiness.message}`,
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
