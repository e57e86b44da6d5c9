import { RolloutEvent } from '@mlops-portal/plugin-mlops-common';
import { StoredRollout } from '../../database/RolloutStore';
import { measureAbCounts } from '../RolloutAnalysis/abTestCounts';
import { AbCounts, abTestVerdict } from '../RolloutAnalysis/abTestStatistics';
import { AnalysisTarget } from '../RolloutAnalysis/analysisTypes';
import type { RolloutModelInfo } from './rolloutModelInfo';
import { RolloutStepActions } from './rolloutStepActions';

/** The measurement events of an A/B test's counts (candidate as `value`, stable as `stableValue`). */
export const AB_TRIALS = 'ab-trials';
export const AB_SUCCESSES = 'ab-successes';

/**
 * One look at an A/B test: read both arms' outcome counts since the split was set, and decide only once both
 * reached the planned sample — promote (the candidate is significantly better), roll back (significantly
 * worse) or pause for a person (no significant difference). Past `maxDurationSeconds` without the sample, it
 * pauses too. Before that the counts are recorded and shown, never judged (no peeking).
 */
export async function judgeAbTest(
  act: RolloutStepActions,
  look: {
    rollout: StoredRollout;
    /** When the split was set. */
    stepStart: number;
    target: AnalysisTarget;
    info: RolloutModelInfo;
    /** Events of this tick so far (the guardrail analysis'); this look's are added. */
    events: RolloutEvent[];
  },
): Promise<void> {
  const { rollout, stepStart, target, info, events } = look;
  const plan = rollout.abTest!;
  const lastLook = (await act.events(rollout.id))
    .filter(e => e.type === 'measurement' && e.metric === AB_TRIALS)
    .map(e => Date.parse(e.at))
    .pop();
  const nextLook = (from: number) =>
    Math.min(
      from + plan.intervalSeconds * 1000,
      ...rollout.analysis.map(m => act.now() + m.intervalSeconds * 1000),
    );
  if (
    lastLook !== undefined &&
    act.now() - lastLook < plan.intervalSeconds * 1000
  ) {
    await act.wait(rollout, nextLook(lastLook), events);
    return;
  }
  let counts: AbCounts;
  try {
    counts = await measureAbCounts(
      target,
      info.prometheus(),
      stepStart,
      act.now(),
    );
  } catch (error) {
    events.push(
      act.measurement(rollout, {
        metric: AB_TRIALS,
        phase: 'Error',
        message: `could not read the A/B counts: ${error}`,
      }),
    );
    await act.wait(rollout, nextLook(act.now()), events);
    return;
  }
  events.push(
    act.measurement(rollout, {
      metric: AB_TRIALS,
      phase: 'Successful',
      value: counts.trialsB,
      stableValue: counts.trialsA,
    }),
    act.measurement(rollout, {
      metric: AB_SUCCESSES,
      phase: 'Successful',
      value: counts.successesB,
      stableValue: counts.successesA,
    }),
  );
  const verdict =
    counts.trialsA > 0 && counts.trialsB > 0
      ? abTestVerdict(counts, plan.plannedPerArm, plan.alpha)
      : undefined;
  if (!verdict?.sampleReached) {
    if (act.now() - stepStart >= plan.maxDurationSeconds * 1000) {
      await act.pause(
        rollout,
        `A/B test: the planned sample (${plan.plannedPerArm} per arm) was not reached in ${plan.maxDurationSeconds} s; a person must decide`,
        events,
      );
      return;
    }
    await act.wait(rollout, nextLook(act.now()), events);
    return;
  }
  const reason = `A/B test: ${verdict.reason}`;
  if (verdict.recommendation === 'promote') {
    await act.complete(rollout, reason, events, info);
  } else if (verdict.recommendation === 'keep') {
    await act.rollBack(rollout, reason, events);
  } else {
    await act.pause(rollout, `${reason}; promote or abort`, events);
  }
}
