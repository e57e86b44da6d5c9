import { ROLLOUT_MEASUREMENTS } from '@mlops-portal/plugin-mlops-common';
import { measureAbCounts } from './analysis/abTestCounts';
import { AbCounts, abTestVerdict } from './analysis/abTestStatistics';
import { RolloutStepActions, StepLook } from './rolloutStepActions';

const AB_TRIALS = ROLLOUT_MEASUREMENTS.abTrials;
const AB_SUCCESSES = ROLLOUT_MEASUREMENTS.abSuccesses;
const APPROVAL_POLL_MS = 10_000;

/**
 * One look at an A/B test: read both arms' outcome counts since the split was set, and decide only once both
 * reached the planned sample — promote (the candidate is significantly better), roll back (significantly
 * worse) or pause for a person (no significant difference). Past `maxDurationSeconds` without the sample, it
 * pauses too. Before that the counts are recorded and shown, never judged (no peeking).
 */
export async function judgeAbTest(
  act: RolloutStepActions,
  look: StepLook,
): Promise<void> {
  const { rollout, stepStart, target, info, events } = look;
  if (rollout.pendingPromotionId) {
    await followApproval(act, look, rollout.pendingPromotionId);
    return;
  }
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
    await promote(act, look, reason);
  } else if (verdict.recommendation === 'keep') {
    await act.rollBack(rollout, reason, events);
  } else {
    await act.pause(rollout, `${reason}; promote or abort`, events);
  }
}

/**
 * The test recommends the candidate. Its promotion follows the registry's rules: an unprotected alias moves at
 * once (the candidate gets all traffic); a protected one (champion by default) gets a promotion request that a
 * second person must approve on the Registry tab, and the split is held until they decide. For a Model in
 * pull-request mode (`changeVia: pull-request`) that request is the alias file's pull request, and its review is
 * the decision: merged → the rollout completes (the merged pull request is the alias move; nothing writes the
 * registry), closed → it rolls back.
 */
async function promote(
  act: RolloutStepActions,
  look: StepLook,
  reason: string,
) {
  const { rollout, info, events } = look;
  if (!info.protectedAliases.includes(rollout.alias)) {
    await act.complete(rollout, reason, events, info);
    return;
  }
  try {
    const requested = await act.requestApproval(rollout, reason, info);
    const pull = requested.pullRequest;
    await act.awaitApproval(
      rollout,
      requested.id,
      pull
        ? `${reason}; '${rollout.alias}' is protected: promotion ${requested.id} awaits the review of pull request #${pull.number} (${pull.url})`
        : `${reason}; '${rollout.alias}' is protected: promotion ${requested.id} awaits a second person's approval`,
      events,
    );
  } catch (error) {
    await act.pause(
      rollout,
      `${reason}; could not request the promotion: ${error}`,
      events,
    );
  }
}

/** Waits for the decision on the promotion the verdict requested: approved → complete, otherwise roll back. */
async function followApproval(
  act: RolloutStepActions,
  look: StepLook,
  promotionId: string,
) {
  const { rollout, info, events } = look;
  const promotion = await act.promotion(promotionId);
  const decider = promotion?.decidedBy ?? promotion?.pullRequest?.mergedBy;
  const by = decider ? ` by ${decider}` : '';
  if (promotion?.state === 'completed') {
    const pull = promotion.pullRequest;
    await act.complete(
      rollout,
      pull
        ? `A/B test: promotion ${promotionId} merged through pull request #${pull.number}${by}`
        : `A/B test: promotion ${promotionId} approved${by}`,
      events,
      info,
    );
  } else if (
    promotion?.state === 'pending_approval' ||
    promotion?.state === 'pending_pull_request' ||
    promotion?.state === 'in_progress'
  ) {
    await act.wait(rollout, act.now() + APPROVAL_POLL_MS, events);
  } else {
    await act.rollBack(
      rollout,
      `A/B test: promotion ${promotionId} was ${
        promotion?.state ?? 'not found'
      }${by}${
        promotion?.decisionComment ? ` (${promotion.decisionComment})` : ''
      }`,
      events,
    );
  }
}
