import {
  RolloutRecord,
  RolloutStep,
  RolloutStrategy,
} from '@mlops-portal/plugin-mlops-common';
import { RolloutAction } from '../../api/MlopsApi';
import { span } from '../format';

/** How each strategy is called on the page. */
export const strategyNames: Record<RolloutStrategy, string> = {
  canary: 'Canary',
  abtest: 'A/B test',
  shadow: 'Shadow',
  bluegreen: 'Blue-green',
};

/** Whether a blue-green rollout has switched traffic to green (its second step is set up). */
export const switchedToGreen = (rollout: RolloutRecord) =>
  rollout.strategy === 'bluegreen' &&
  rollout.stepIndex === 1 &&
  Boolean(rollout.stepStartedAt);

/** A step, in words, for the stepper. */
export function stepLabel(
  rollout: RolloutRecord,
  step: RolloutStep,
  index: number,
): string {
  const held = step.durationSeconds ? `, ${span(step.durationSeconds)}` : '';
  switch (rollout.strategy) {
    case 'abtest':
      return `${step.weight}% candidate (A/B split)`;
    case 'shadow':
      return `Shadow: copy of all traffic${held}`;
    case 'bluegreen':
      return index === 0
        ? 'Green deployed at 0%, until ready'
        : `Switched: green 100%, blue warm${held}`;
    default:
      return `${step.weight}% canary${held}`;
  }
}

/** The actions a person can take on a rollout in `state` (none once it has finished). */
export function rolloutActions(rollout: RolloutRecord): RolloutAction[] {
  const byState: Record<string, RolloutAction[]> = {
    Progressing: ['pause', 'promote', 'abort'],
    Paused: ['resume', 'promote', 'abort'],
  };
  const actions = byState[rollout.state] ?? [];
  // A shadow serves no users: there is nothing to promote, only to stop.
  return rollout.strategy === 'shadow'
    ? actions.filter(a => a !== 'promote')
    : actions;
}

/** A button's label: "Switch back" is a blue-green's abort once green has the traffic. */
export function actionLabel(
  rollout: RolloutRecord | undefined,
  action: RolloutAction | undefined,
): string {
  if (!action) {
    return '';
  }
  if (action === 'abort' && rollout && switchedToGreen(rollout)) {
    return 'Switch back';
  }
  if (action === 'promote') {
    return rollout?.strategy === 'bluegreen' ? 'Finish now' : 'Promote now';
  }
  return action[0].toUpperCase() + action.slice(1);
}

/**
 * A rollout's heading, true in every state: while it runs the baseline still holds the alias ("Canary of v6
 * against champion v4"); afterwards it says whether the alias moved ("now champion, was v4") or stayed. A shadow
 * never moves champion.
 */
export function rolloutTitle(rollout: RolloutRecord): string {
  const name = `${strategyNames[rollout.strategy] ?? 'Rollout'} of v${
    rollout.candidateVersion
  }`;
  const baseline = rollout.baselineVersion;
  if (rollout.strategy === 'shadow') {
    return baseline ? `${name} beside champion v${baseline}` : name;
  }
  const alias = rollout.alias;
  switch (rollout.state) {
    case 'Progressing':
    case 'Paused':
      return baseline
        ? `${name} against ${alias} v${baseline}`
        : `${name} (no ${alias} yet)`;
    case 'Succeeded':
      return baseline
        ? `${name}, now ${alias} (was v${baseline})`
        : `${name}, now ${alias}`;
    default:
      return baseline
        ? `${name} (${alias} stays v${baseline})`
        : `${name} (no ${alias} moved)`;
  }
}

/** A rollout in a sentence's words: "the canary of v6", "the A/B test of v6". */
export function rolloutInWords(rollout: RolloutRecord): string {
  const strategy = strategyNames[rollout.strategy] ?? 'Rollout';
  const lower = strategy.startsWith('A/B') ? strategy : strategy.toLowerCase();
  return `the ${lower} of v${rollout.candidateVersion}`;
}
