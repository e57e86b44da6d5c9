import { ConflictError } from '@backstage/errors';
import {
  RolloutEvent,
  RolloutRecord,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';
import { AnalysisMetric } from './analysis/analysisTypes';

/** A rollout as the engine works with it: the record plus the full analysis definitions. */
export type StoredRollout = Omit<
  RolloutRecord,
  'analysis' | 'analysisMetrics' | 'events'
> & {
  analysis: AnalysisMetric[];
  nextCheckAt: number;
};

/** Hears of a rollout after it was created (`from` undefined) or saved with history, coming from state `from`. */
export type RolloutChangeListener = (
  rollout: StoredRollout,
  from?: RolloutState,
) => Promise<void>;

const iso = (ms: number | string | null | undefined) =>
  ms === null || ms === undefined
    ? undefined
    : new Date(Number(ms)).toISOString();

const ACTIVE: RolloutState[] = ['Progressing', 'Paused'];

/**
 * Persists rollouts, their event log and the one-active-rollout-per-model lock. Updates are conditional on the
 * state the writer read, so two engines (or a person and an engine) cannot both move one rollout.
 */
export class RolloutStore {
  /** `onChange` hears of every rollout created or saved with new history, after it was saved. */
  constructor(
    private readonly knex: Knex,
    private readonly onChange?: RolloutChangeListener,
  ) {}

  async create(rollout: StoredRollout, event: RolloutEvent): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('mlops_rollout_locks')
        .insert({ entity_ref: rollout.entityRef, rollout_id: rollout.id })
        .onConflict('entity_ref')
        .ignore();
      const lock = await tx('mlops_rollout_locks')
        .where({ entity_ref: rollout.entityRef })
        .first();
      if (lock?.rollout_id !== rollout.id) {
        throw new ConflictError(
          `${rollout.entityRef} already has an active rollout (${lock?.rollout_id}); finish or abort it first`,
        );
      }
      await tx('mlops_rollouts').insert(this.toRow(rollout));
      await this.appendEvent(tx, rollout.id, event);
    });
    await this.changed(rollout);
  }

  /**
   * Saves a rollout the caller changed, only if it is still in `expectedState` at `expectedUpdatedAt`; returns
   * whether it was. Leaving the active states releases the model's lock.
   */
  async save(
    rollout: StoredRollout,
    expected: { state: RolloutState; updatedAt: string },
    events: RolloutEvent[],
  ): Promise<boolean> {
    const saved = await this.knex.transaction(async tx => {
      const row = this.toRow(rollout);
      const changed = await tx('mlops_rollouts')
        .where({
          id: rollout.id,
          state: expected.state,
          updated_at: Date.parse(expected.updatedAt),
        })
        .update({
          step_index: row.step_index,
          step_started_at: row.step_started_at,
          state: row.state,
          state_reason: row.state_reason,
          pending_promotion_id: row.pending_promotion_id,
          updated_at: row.updated_at,
          next_check_at: row.next_check_at,
        });
      if (!changed) {
        return false;
      }
      for (const event of events) {
        await this.appendEvent(tx, rollout.id, event);
      }
      if (!ACTIVE.includes(rollout.state)) {
        await tx('mlops_rollout_locks')
          .where({ rollout_id: rollout.id })
          .delete();
      }
      return true;
    });
    // A save that only moves the next check recorded nothing anyone would see.
    if (saved && (events.length > 0 || rollout.state !== expected.state)) {
      await this.changed(rollout, expected.state);
    }
    return saved;
  }

  private async changed(rollout: StoredRollout, from?: RolloutState) {
    // What listeners do (notify, signal) comes after the fact: it must not fail the change itself.
    await this.onChange?.(rollout, from).catch(() => {});
  }

  /**
   * Takes the right to act on a rollout as read: succeeds (and moves `updatedAt` to `at`) only if nobody changed
   * it since, so of two engines or an engine and a person, exactly one goes on to touch the cluster.
   */
  async claim(rollout: StoredRollout, at: number): Promise<boolean> {
    const changed = await this.knex('mlops_rollouts')
      .where({
        id: rollout.id,
        state: rollout.state,
        updated_at: Date.parse(rollout.updatedAt),
      })
      .update({ updated_at: at });
    return changed === 1;
  }

  /** The id of the Model's active (Progressing or Paused) rollout, if it has one. */
  async activeRolloutId(entityRef: string): Promise<string | undefined> {
    const lock = await this.knex('mlops_rollout_locks')
      .where({ entity_ref: entityRef })
      .first();
    return lock?.rollout_id;
  }

  async get(id: string): Promise<StoredRollout | undefined> {
    const row = await this.knex('mlops_rollouts').where({ id }).first();
    return row ? this.fromRow(row) : undefined;
  }

  async list(entityRef?: string): Promise<StoredRollout[]> {
    const query = this.knex('mlops_rollouts').orderBy('created_at', 'desc');
    if (entityRef) {
      query.where({ entity_ref: entityRef });
    }
    return (await query).map(row => this.fromRow(row));
  }

  /** Progressing rollouts whose next check is due. */
  async due(now: number): Promise<StoredRollout[]> {
    const rows = await this.knex('mlops_rollouts')
      .where({ state: 'Progressing' })
      .andWhere('next_check_at', '<=', now)
      .orderBy('next_check_at', 'asc');
    return rows.map(row => this.fromRow(row));
  }

  /**
   * Ended rollouts whose next check is due, ended (last saved) since `since`: those whose ending the engine still
   * follows (GitOps mode, until the live object shows the ending's Git change).
   */
  async endedDue(now: number, since: number): Promise<StoredRollout[]> {
    const rows = await this.knex('mlops_rollouts')
      .whereNotIn('state', ACTIVE)
      .andWhere('next_check_at', '<=', now)
      .andWhere('updated_at', '>=', since)
      .orderBy('next_check_at', 'asc');
    return rows.map(row => this.fromRow(row));
  }

  async events(id: string): Promise<RolloutEvent[]> {
    const rows = await this.knex('mlops_rollout_events')
      .where({ rollout_id: id })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      ...JSON.parse(row.payload),
      type: row.type,
      at: iso(row.at)!,
      actor: row.actor,
      stepIndex: row.step_index,
    }));
  }

  private async appendEvent(tx: Knex, rolloutId: string, event: RolloutEvent) {
    const { type, at, actor, stepIndex, ...payload } = event;
    await tx('mlops_rollout_events').insert({
      rollout_id: rolloutId,
      at: Date.parse(at),
      type,
      actor,
      step_index: stepIndex,
      payload: JSON.stringify(payload),
    });
  }

  private toRow(r: StoredRollout) {
    return {
      id: r.id,
      entity_ref: r.entityRef,
      candidate_version: r.candidateVersion,
      baseline_version: r.baselineVersion ?? null,
      alias: r.alias,
      target: JSON.stringify(r.target),
      strategy: r.strategy,
      ab_test: r.abTest ? JSON.stringify(r.abTest) : null,
      shadow: r.shadow ? JSON.stringify(r.shadow) : null,
      blue_green: r.blueGreen ? JSON.stringify(r.blueGreen) : null,
      pending_promotion_id: r.pendingPromotionId ?? null,
      steps: JSON.stringify(r.steps),
      analysis: JSON.stringify(r.analysis),
      step_index: r.stepIndex,
      step_started_at: r.stepStartedAt ? Date.parse(r.stepStartedAt) : null,
      state: r.state,
      state_reason: r.stateReason ?? null,
      created_by: r.createdBy,
      created_at: Date.parse(r.createdAt),
      updated_at: Date.parse(r.updatedAt),
      next_check_at: r.nextCheckAt,
    };
  }

  private fromRow(row: any): StoredRollout {
    return {
      id: row.id,
      entityRef: row.entity_ref,
      candidateVersion: row.candidate_version,
      baselineVersion: row.baseline_version ?? undefined,
      alias: row.alias,
      target: JSON.parse(row.target),
      strategy: row.strategy ?? 'canary',
      ...(row.ab_test ? { abTest: JSON.parse(row.ab_test) } : {}),
      ...(row.shadow ? { shadow: JSON.parse(row.shadow) } : {}),
      ...(row.blue_green ? { blueGreen: JSON.parse(row.blue_green) } : {}),
      ...(row.pending_promotion_id
        ? { pendingPromotionId: row.pending_promotion_id }
        : {}),
      steps: JSON.parse(row.steps),
      analysis: JSON.parse(row.analysis),
      stepIndex: row.step_index,
      stepStartedAt: iso(row.step_started_at),
      state: row.state,
      stateReason: row.state_reason ?? undefined,
      createdBy: row.created_by,
      createdAt: iso(row.created_at)!,
      updatedAt: iso(row.updated_at)!,
      nextCheckAt: Number(row.next_check_at),
    };
  }
}
