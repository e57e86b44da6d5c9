import { RolloutStepActions, StepLook } from './rolloutStepActions';

/**
 * One look at a canary step (and at a blue-green's warm step, which is a canary step at 100%): once every
 * analysis metric has passed and the step has been held for its duration, go on to the next step, or finish
 * (all traffic to the candidate, alias moved) after the last; until then, look again at the next measurement.
 */
export async function judgeCanaryStep(
  act: RolloutStepActions,
  look: StepLook & {
    /** Whether every analysis metric has taken all its measurements successfully. */
    analysisDone: boolean;
  },
): Promise<void> {
  const { rollout, stepStart, info, events } = look;
  const step = rollout.steps[rollout.stepIndex];
  const now = act.now();
  if (look.analysisDone && now - stepStart >= step.durationSeconds * 1000) {
    if (rollout.stepIndex + 1 < rollout.steps.length) {
      await act.nextStep(
        rollout,
        `step ${rollout.stepIndex + 1} passed its analysis`,
        events,
      );
      return;
    }
    await act.complete(
      rollout,
      'all steps passed their analysis',
      events,
      info,
    );
    return;
  }
  const nextInterval = Math.min(
    ...rollout.analysis.map(m => m.intervalSeconds),
    step.durationSeconds || Infinity,
  );
  await act.wait(rollout, now + Math.max(1, nextInterval) * 1000, events);
}
