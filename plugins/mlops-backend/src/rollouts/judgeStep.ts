import { RolloutEvent } from '@mlops-portal/plugin-mlops-common';
import { ServingPlatform } from '@mlops-portal/plugin-mlops-node';
import { judgeAbTest } from './abTestStep';
import { measureDueMetrics } from './analysis/measureDueMetrics';
import { judgeGreen } from './blueGreenStep';
import { judgeCanaryStep } from './canaryStep';
import type { RolloutModelInfo } from './rolloutModelInfo';
import { RolloutStepActions } from './rolloutStepActions';
import { StoredRollout } from './RolloutStore';
import { judgeShadow } from './shadowStep';

/**
 * One look at a rollout whose step is set up: takes the analysis measurements that are due, rolls back on a
 * failed metric and pauses on an inconclusive one (a guardrail for every strategy), and otherwise leaves the
 * verdict to the strategy's step (`canaryStep`, `abTestStep`, `shadowStep`, `blueGreenStep`).
 */
export async function judgeStep(
  act: RolloutStepActions,
  look: {
    rollout: StoredRollout;
    /** When the step was set up. */
    stepStart: number;
    platform: ServingPlatform;
    info: RolloutModelInfo;
  },
): Promise<void> {
  const { rollout, stepStart, platform, info } = look;
  if (rollout.strategy === 'bluegreen' && rollout.stepIndex === 0) {
    // Green has no traffic yet: it is judged by the operator's readiness, not by analysis.
    await judgeGreen(act, {
      rollout,
      stepStart,
      router: platform.router,
      target: rollout.target,
    });
    return;
  }
  // The arms as the platform's metrics label them (Seldon v1: predictor names; KServe: revisions).
  const arms = await platform.metricPredictors?.(rollout.target);
  const target = {
    namespace: rollout.target.namespace,
    deployment: rollout.target.name,
    canaryPredictor:
      rollout.strategy === 'shadow'
        ? arms?.shadow ?? 'shadow'
        : arms?.canary ?? 'canary',
    stablePredictor: arms?.stable ?? 'stable',
    window: info.window,
  };
  const { taken, phases } = await measureDueMetrics({
    analysis: rollout.analysis,
    events: await act.events(rollout.id),
    stepStart,
    now: act.now(),
    target,
    prometheus: info.prometheus,
  });
  const newEvents: RolloutEvent[] = taken.map(m =>
    act.measurement(rollout, {
      metric: m.metric,
      phase: m.phase,
      value: m.value,
      stableValue: m.stableValue,
      message: m.message,
    }),
  );
  const failed = phases.find(([, p]) => p === 'Failed');
  const unsure = phases.find(([, p]) => p === 'Inconclusive' || p === 'Error');

  if (failed) {
    await act.rollBack(
      rollout,
      `analysis ${failed[0]} failed at step ${rollout.stepIndex + 1}`,
      newEvents,
    );
    return;
  }
  if (unsure) {
    await act.pause(
      rollout,
      `analysis ${
        unsure[0]
      } is ${unsure[1].toLowerCase()}; a person must decide`,
      newEvents,
    );
    return;
  }
  // What every strategy's verdict reads.
  const step = { rollout, stepStart, target, info, events: newEvents };
  if (rollout.strategy === 'abtest' && rollout.abTest) {
    // The analysis above stays on as a guardrail; the verdict is the A/B test's.
    await judgeAbTest(act, step);
    return;
  }
  const analysisDone = phases.every(([, p]) => p === 'Successful');
  if (rollout.strategy === 'shadow' && rollout.shadow) {
    await judgeShadow(act, { ...step, analysisDone });
    return;
  }
  await judgeCanaryStep(act, { ...step, analysisDone });
}
