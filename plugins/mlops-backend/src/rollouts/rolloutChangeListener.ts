import { RolloutState } from '@mlops-portal/plugin-mlops-common';
import {
  MlopsNotifier,
  RolloutStateNotice,
} from '../notifications/MlopsNotifier';
import { ModelLiveUpdates } from '../notifications/ModelLiveUpdates';
import { RolloutChangeListener } from './RolloutStore';

const NOTIFIED_STATES: RolloutState[] = [
  'Paused',
  'RolledBack',
  'Failed',
  'Succeeded',
];
const isNotified = (
  state: RolloutState,
): state is RolloutStateNotice['state'] => NOTIFIED_STATES.includes(state);

/**
 * What follows a rollout's change: open pages reload, and when it reached a state a person should know about
 * (Paused, RolledBack, Failed, Succeeded) the Model's owners are told why.
 */
export function rolloutChangeListener(deps: {
  notifier: MlopsNotifier;
  liveUpdates: ModelLiveUpdates;
}): RolloutChangeListener {
  return async (rollout, from) => {
    await deps.liveUpdates.changed({
      kind: 'rollout',
      id: rollout.id,
      entityRef: rollout.entityRef,
      state: rollout.state,
    });
    const state = rollout.state;
    if (from !== undefined && from !== state && isNotified(state)) {
      await deps.notifier.rolloutStateReached({
        rolloutId: rollout.id,
        entityRef: rollout.entityRef,
        state,
        reason: rollout.stateReason ?? rollout.state,
        candidateVersion: rollout.candidateVersion,
        alias: rollout.alias,
      });
    }
  };
}
