import { RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { MeasurementEvent } from './MeasurementChart';

/**
 * When the current step of a rollout is next decided, as the engine decides it (plugin-mlops-backend's
 * `judgeCanaryStep`, `judgeShadow`, `judgeGreen`, `judgeAbTest`): a canary step (and a blue-green's warm step) moves
 * on once it has been held for its duration and every analysis metric has taken its `count` measurements,
 * `initialDelaySeconds` into the step and `intervalSeconds` apart; a shadow is judged at the end of its period;
 * green is switched to as soon as it is ready, within its readiness timeout; an A/B test has no clock, only a
 * sample to reach and a deadline. The times assume every measurement passes: a failed one rolls back sooner,
 * an inconclusive one pauses.
 */
export type StepSchedule = {
  /** What happens at `decisionAt`, e.g. "go to step 2 (25%)". */
  decision: string;
  /** Epoch milliseconds of the decision; absent when nothing decides by the clock (paused, setting up). */
  decisionAt?: number;
  /** When the next analysis measurement is due, if one is. */
  nextMeasurementAt?: number;
  /** Said instead of a countdown: why nothing counts down. */
  note?: string;
};

/** The step's measurements of each analysis metric: when the last was taken and how many. */
function analysisTimes(rollout: RolloutRecord, stepStart: number) {
  const taken = (rollout.events ?? []).filter(
    (e): e is MeasurementEvent =>
      e.type === 'measurement' &&
      e.stepIndex === rollout.stepIndex &&
      Date.parse(e.at) >= stepStart,
  );
  return rollout.analysisMetrics.map(metric => {
    const mine = taken.filter(m => m.metric === metric.name);
    const delay = (metric.initialDelaySeconds ?? 0) * 1000;
    const interval = metric.intervalSeconds * 1000;
    const last = mine.length ? Date.parse(mine[mine.length - 1].at) : undefined;
    const left = Math.max(metric.count - mine.length, 0);
    if (left === 0) {
      return { doneAt: last ?? stepStart, nextAt: undefined };
    }
    const nextAt = last === undefined ? stepStart + delay : last + interval;
    return { doneAt: nextAt + (left - 1) * interval, nextAt };
  });
}

/** The schedule of `rollout`'s current step; undefined once the rollout has ended. */
export function stepSchedule(rollout: RolloutRecord): StepSchedule | undefined {
  if (rollout.state === 'Paused') {
    return {
      decision: '',
      note: 'Paused: nothing moves until someone resumes or promotes it.',
    };
  }
  if (rollout.state !== 'Progressing') {
    return undefined;
  }
  const index = rollout.stepIndex;
  if (!rollout.stepStartedAt) {
    return {
      decision: '',
      note: `Setting up step ${
        index + 1
      }; its clock starts once the traffic is written.`,
    };
  }
  const stepStart = Date.parse(rollout.stepStartedAt);
  if (rollout.strategy === 'abtest' && rollout.abTest) {
    return {
      decision: `give up and pause for a person unless both arms have reached ${rollout.abTest.plannedPerArm.toLocaleString(
        'en-US',
      )} requests (the verdict comes as soon as they have)`,
      decisionAt: stepStart + rollout.abTest.maxDurationSeconds * 1000,
    };
  }
  if (rollout.strategy === 'bluegreen' && rollout.blueGreen && index === 0) {
    return {
      decision:
        'give up if green is not ready (traffic switches as soon as it is)',
      decisionAt: stepStart + rollout.blueGreen.readinessTimeoutSeconds * 1000,
    };
  }
  const metrics = analysisTimes(rollout, stepStart);
  const step = rollout.steps[index];
  const heldUntil = stepStart + (step?.durationSeconds ?? 0) * 1000;
  const decisionAt = Math.max(heldUntil, ...metrics.map(m => m.doneAt));
  const due = metrics.flatMap(m => (m.nextAt === undefined ? [] : [m.nextAt]));
  const nextMeasurementAt = due.length ? Math.min(...due) : undefined;
  const last = index + 1 >= rollout.steps.length;
  let decision: string;
  if (rollout.strategy === 'shadow') {
    decision = 'judge the shadow on its predictions';
  } else if (rollout.strategy === 'bluegreen') {
    decision = `finish: move '${rollout.alias}' to v${rollout.candidateVersion} and scale blue down, if every measurement passes`;
  } else if (last) {
    decision = `finish: move '${rollout.alias}' to v${rollout.candidateVersion}, if every measurement passes`;
  } else {
    decision = `go to step ${index + 2} (${
      rollout.steps[index + 1].weight
    }%), if every measurement passes`;
  }
  return { decision, decisionAt, nextMeasurementAt };
}

/** A span as people read it: `45 s`, `4 min 10 s`, `2 h 5 min`, `3 d 4 h`. */
export function durationText(milliseconds: number): string {
  const total = Math.max(0, Math.round(milliseconds / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d) {
    return h ? `${d} d ${h} h` : `${d} d`;
  }
  if (h) {
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  if (m) {
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  return `${s} s`;
}
