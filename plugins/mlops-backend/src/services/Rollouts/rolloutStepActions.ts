import { RolloutEvent } from '@mlops-portal/plugin-mlops-common';
import { StoredRollout } from '../../database/RolloutStore';
import type { RolloutModelInfo } from './RolloutEngine';

/**
 * What a strategy's step logic may do to a rollout. The engine implements each with its conditional save, so a
 * step never writes the store itself: every change stays claimed, evented and conflict-safe.
 */
export type RolloutStepActions = {
  now(): number;
  events(rolloutId: string): Promise<RolloutEvent[]>;
  measurement(rollout: StoredRollout, payload: object): RolloutEvent;
  /** Keep going: look again at `nextCheckAt`. */
  wait(
    rollout: StoredRollout,
    nextCheckAt: number,
    events: RolloutEvent[],
  ): Promise<unknown>;
  pause(
    rollout: StoredRollout,
    reason: string,
    events: RolloutEvent[],
  ): Promise<unknown>;
  complete(
    rollout: StoredRollout,
    reason: string,
    events: RolloutEvent[],
    info: RolloutModelInfo,
  ): Promise<unknown>;
  rollBack(
    rollout: StoredRollout,
    reason: string,
    events: RolloutEvent[],
  ): Promise<unknown>;
};
