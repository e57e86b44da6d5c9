import {
  ROLLOUT_MEASUREMENTS,
  RolloutEvent,
} from '@mlops-portal/plugin-mlops-common';
import { StoredRollout } from './RolloutStore';
import {
  comparePredictions,
  PredictionComparison,
} from './analysis/predictionComparison';
import { RolloutStepActions, StepLook } from './rolloutStepActions';

const SHADOW_PSI = ROLLOUT_MEASUREMENTS.predictionPsi;
const SHADOW_JS = ROLLOUT_MEASUREMENTS.predictionJs;
const FIRST_LOOK_RETRY_SECONDS = 15;

/**
 * One look at a shadow: compare the shadow's and stable's prediction histograms since the shadow started (PSI
 * and Jensen–Shannon distance, as drift does), recorded every `intervalSeconds` for the Deployment tab. The
 * verdict comes at the end of `durationSeconds`, once the guardrail analysis (latency and errors of the shadow
 * against stable) has finished too: predictions alike → Succeeded (the shadow removed, nothing moved: the
 * candidate is ready for a canary or blue-green); unlike → RolledBack; too few predictions → Paused for a
 * person. Latency or error failures end it earlier, through the engine's analysis.
 */
export async function judgeShadow(
  act: RolloutStepActions,
  look: StepLook & {
    /** Whether every analysis metric has taken all its measurements successfully. */
    analysisDone: boolean;
  },
): Promise<void> {
  const { rollout, stepStart, target, info, events } = look;
  const plan = rollout.shadow!;
  const now = act.now();
  const ended = now - stepStart >= plan.durationSeconds * 1000;
  const last = (await act.events(rollout.id))
    .filter(e => e.type === 'measurement' && e.metric === SHADOW_PSI)
    .pop();
  const lastLook = last && Date.parse(last.at);
  // Until both predictors' first predictions are in, look again soon rather than a whole interval later.
  const interval =
    Math.min(
      plan.intervalSeconds,
      last?.type === 'measurement' && last.value === undefined
        ? FIRST_LOOK_RETRY_SECONDS
        : Infinity,
    ) * 1000;
  const nextLook = () =>
    Math.min(
      now + interval,
      stepStart + plan.durationSeconds * 1000,
      ...rollout.analysis.map(m => now + m.intervalSeconds * 1000),
    );
  if (!ended && lastLook !== undefined && now - lastLook < interval) {
    await act.wait(rollout, nextLook(), events);
    return;
  }
  let comparison: PredictionComparison | undefined;
  try {
    comparison = await comparePredictions(
      target,
      info.prometheus(),
      stepStart,
      now,
    );
  } catch (error) {
    events.push(
      act.measurement(rollout, {
        metric: SHADOW_PSI,
        phase: 'Error',
        message: `could not compare the predictions: ${error}`,
      }),
    );
    await act.wait(rollout, Math.max(nextLook(), now + 1000), events);
    return;
  }
  events.push(...comparisonEvents(act, rollout, comparison));
  if (!ended || !look.analysisDone) {
    await act.wait(rollout, Math.max(nextLook(), now + 1000), events);
    return;
  }
  const fewest = Math.min(
    comparison?.stableCount ?? 0,
    comparison?.candidateCount ?? 0,
  );
  if (!comparison || fewest < plan.minPredictions) {
    await act.pause(
      rollout,
      `shadow: only ${fewest} predictions to compare (${plan.minPredictions} needed); a person must decide`,
      events,
    );
    return;
  }
  const summary = `PSI ${comparison.psi.toFixed(
    3,
  )}, Jensen–Shannon ${comparison.jensenShannon.toFixed(3)} over ${
    comparison.candidateCount
  } shadow and ${comparison.stableCount} stable predictions`;
  if (
    comparison.psi >= plan.maxPsi ||
    comparison.jensenShannon >= plan.maxJensenShannon
  ) {
    await act.rollBack(
      rollout,
      `shadow: v${rollout.candidateVersion} predicts unlike stable (${summary}; limits ${plan.maxPsi} and ${plan.maxJensenShannon})`,
      events,
    );
    return;
  }
  await act.finish(
    rollout,
    `shadow passed: latency and errors within bounds, predictions alike (${summary}); v${rollout.candidateVersion} is ready for a canary or blue-green`,
    events,
  );
}

function comparisonEvents(
  act: RolloutStepActions,
  rollout: StoredRollout,
  comparison: PredictionComparison | undefined,
): RolloutEvent[] {
  const plan = rollout.shadow!;
  if (!comparison) {
    return [
      act.measurement(rollout, {
        metric: SHADOW_PSI,
        phase: 'Inconclusive',
        message: 'no predictions from both predictors yet',
      }),
    ];
  }
  const counts = `${comparison.candidateCount} shadow / ${comparison.stableCount} stable predictions`;
  // A look at fewer predictions than the plan needs shows its figures but judges nothing (Inconclusive): on a
  // handful of predictions PSI and Jensen–Shannon are mostly noise, and a red mark there would say a failure that
  // is not one. The Deployment tab says how many predictions the verdict needs.
  const judged =
    Math.min(comparison.candidateCount, comparison.stableCount) >=
    plan.minPredictions;
  const phase = (passes: boolean) => {
    if (!judged) return 'Inconclusive';
    return passes ? 'Successful' : 'Failed';
  };
  return [
    act.measurement(rollout, {
      metric: SHADOW_PSI,
      phase: phase(comparison.psi < plan.maxPsi),
      value: comparison.psi,
      message: counts,
    }),
    act.measurement(rollout, {
      metric: SHADOW_JS,
      phase: phase(comparison.jensenShannon < plan.maxJensenShannon),
      value: comparison.jensenShannon,
      message: counts,
    }),
  ];
}
