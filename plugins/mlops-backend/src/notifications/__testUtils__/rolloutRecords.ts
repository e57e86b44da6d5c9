import { RolloutStore, StoredRollout } from '../../rollouts/RolloutStore';
import { AMIRA, MODEL } from './startNotificationsTestbed';

/** Amira's canary of fraud-detector v6 over v4, progressing at its first step. */
export const progressingRollout = (): StoredRollout => {
  const now = new Date().toISOString();
  return {
    id: 'r-1',
    entityRef: MODEL,
    candidateVersion: '6',
    baselineVersion: '4',
    alias: 'champion',
    target: {
      platform: 'seldon',
      cluster: 'prod-eu',
      namespace: 'fraud',
      name: 'fraud-detector',
      modelUri: 'models:/fraud-detector/6',
    },
    strategy: 'canary',
    steps: [{ weight: 10, pause: 'PT1M' }] as any,
    analysis: [],
    stepIndex: 0,
    state: 'Progressing',
    createdBy: AMIRA,
    createdAt: now,
    updatedAt: now,
    nextCheckAt: Date.now(),
  };
};

/** Stores `rollout` as Amira started it. */
export const startRollout = (rollouts: RolloutStore, rollout: StoredRollout) =>
  rollouts.create(rollout, {
    type: 'transition',
    at: rollout.createdAt,
    actor: AMIRA,
    stepIndex: 0,
    to: 'Progressing',
    reason: 'started',
  });

/** Saves the engine's move of `current` to `state`, for `stateReason`; the rollout as it is then. */
export const moveRollout = async (
  rollouts: RolloutStore,
  current: StoredRollout,
  state: StoredRollout['state'],
  stateReason: string,
) => {
  const next = {
    ...current,
    state,
    stateReason,
    updatedAt: new Date(Date.parse(current.updatedAt) + 1).toISOString(),
  };
  expect(
    await rollouts.save(next, current, [
      {
        type: 'transition',
        at: next.updatedAt,
        actor: 'mlops:rollout-engine',
        stepIndex: 0,
        from: current.state,
        to: state,
        reason: stateReason,
      },
    ]),
  ).toBe(true);
  return next;
};
