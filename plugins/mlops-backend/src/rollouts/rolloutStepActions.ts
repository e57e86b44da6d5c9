import {
  PromotionRecord,
  RolloutEvent,
} from '@mlops-portal/plugin-mlops-common';
import { StoredRollout } from './RolloutStore';
import { AnalysisTarget } from './analysis/analysisTypes';
import type { RolloutModelInfo } from './rolloutModelInfo';

/** What a strategy's step sees when it looks at a rollout whose step is set up. */
export type StepLook = {
  rollout: StoredRollout;
  /** When the step was set up (the split set, the shadow added). */
  stepStart: number;
  target: AnalysisTarget;
  info: RolloutModelInfo;
  /** Events of this tick so far (the guardrail analysis'); the step's own are added. */
  events: RolloutEvent[];
};

/**
 * What a strategy's step logic may do to a rollout. The engine implements each with its conditional save, so a
 * step never writes the store itself: every change stays claimed, evented and conflict-safe.
 */
export type RolloutStepActions = {
  now(): number;
  events(rolloutId: string): Promise<RolloutEvent[]>;
  measurement(rollout: StoredRollout, payload: object): RolloutEvent;
  /** On to the next step (set up on the next tick). */
  nextStep(
    rollout: StoredRollout,
    reason: string,
    events: RolloutEvent[],
  ): Promise<unknown>;
  /** Takes the candidate out of serving and records Succeeded, without moving the alias (a passed shadow). */
  finish(
    rollout: StoredRollout,
    reason: string,
    events: RolloutEvent[],
  ): Promise<unknown>;
  /** Asks for the move of the rollout's (protected) alias to the candidate, left pending for approval. */
  requestApproval(
    rollout: StoredRollout,
    reason: string,
    info: RolloutModelInfo,
  ): Promise<PromotionRecord>;
  /** Remembers the pending promotion and keeps going (looking at it again soon). */
  awaitApproval(
    rollout: StoredRollout,
    promotionId: string,
    reason: string,
    events: RolloutEvent[],
  ): Promise<unknown>;
  promotion(id: string): Promise<PromotionRecord | undefined>;
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
