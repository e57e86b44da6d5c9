import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RolloutEvent,
  RolloutGitChange,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import { RolloutStore, StoredRollout } from './RolloutStore';

/** Who the engine's own decisions are recorded as. */
export const ENGINE_ACTOR = 'mlops:rollout-engine';

/**
 * How the engine writes a rollout: every save is conditional on the state and `updatedAt` it read (so a concurrent
 * engine or a person's action wins cleanly instead of both) and carries the events that say what changed.
 */
export class RolloutRecorder {
  constructor(
    private readonly deps: {
      store: RolloutStore;
      logger: LoggerService;
      now: () => number;
    },
  ) {}

  /** Moves the rollout to state `to`, noted as a transition event by `actor`; false when another write won. */
  async transition(
    rollout: StoredRollout,
    to: RolloutState,
    reason: string,
    actor: string,
    events: RolloutEvent[] = [],
    git?: RolloutGitChange,
  ) {
    const saved = await this.save(
      rollout,
      { ...rollout, state: to, stateReason: reason },
      [
        ...events,
        this.event(
          'transition',
          rollout,
          { from: rollout.state, to, reason, ...(git ? { git } : {}) },
          actor,
        ),
      ],
    );
    if (saved) {
      this.deps.logger.info(
        `Rollout ${rollout.id} of ${rollout.entityRef}: ${rollout.state} → ${to} by ${actor} (${reason})`,
      );
    }
    return saved;
  }

  /** Saves a change that keeps the rollout Progressing, noted as a transition event with `reason`. */
  progress(
    rollout: StoredRollout,
    changes: Partial<StoredRollout>,
    reason: string,
    events: RolloutEvent[],
    weight?: number,
    git?: RolloutGitChange,
  ) {
    return this.save(rollout, { ...rollout, ...changes }, [
      ...events,
      this.event('transition', rollout, {
        from: 'Progressing',
        to: 'Progressing',
        reason,
        ...(weight === undefined ? {} : { weight }),
        ...(git ? { git } : {}),
      }),
    ]);
  }

  save(before: StoredRollout, after: StoredRollout, events: RolloutEvent[]) {
    const updatedAt = new Date(
      Math.max(this.deps.now(), Date.parse(before.updatedAt) + 1),
    ).toISOString();
    return this.deps.store.save(
      { ...after, updatedAt },
      { state: before.state, updatedAt: before.updatedAt },
      events,
    );
  }

  event(
    type: 'transition' | 'measurement',
    rollout: StoredRollout,
    payload: object,
    actor = ENGINE_ACTOR,
  ): RolloutEvent {
    return {
      type,
      at: new Date(this.deps.now()).toISOString(),
      actor,
      stepIndex: rollout.stepIndex,
      ...payload,
    } as RolloutEvent;
  }
}
