import { ConflictError } from '@backstage/errors';
import {
  GateResult,
  PromotionPullRequest,
  PromotionRecord,
  PromotionState,
} from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';

type PromotionRow = {
  id: string;
  entity_ref: string;
  instance: string;
  registered_model: string;
  action: 'promote' | 'rollback';
  alias: string;
  from_version: string | null;
  to_version: string;
  reason: string;
  state: PromotionState;
  requested_by: string;
  requested_at: number | string;
  gates: string;
  decided_by: string | null;
  decision_comment: string | null;
  decided_at: number | string | null;
  completed_at: number | string | null;
  error: string | null;
  outcome_learned_at?: number | string | null;
  pull_request?: string | null;
};

/** States in which a request holds its alias's lock: it may still move the alias. */
const OPEN_STATES: PromotionState[] = [
  'pending_approval',
  'pending_pull_request',
  'in_progress',
  'unknown',
];

/** The fields a later step of a request may change; history rows are never deleted. */
/** Hears of a promotion record after it was inserted (`from` undefined) or moved out of state `from`. */
export type PromotionChangeListener = (
  record: PromotionRecord,
  from?: PromotionState,
) => Promise<void>;

export type PromotionUpdate = Partial<
  Pick<
    PromotionRecord,
    | 'state'
    | 'decidedBy'
    | 'decisionComment'
    | 'decidedAt'
    | 'completedAt'
    | 'error'
    | 'outcomeLearnedAt'
    | 'pullRequest'
  >
>;

const iso = (ms: number | string | null | undefined) =>
  ms === null || ms === undefined
    ? undefined
    : new Date(Number(ms)).toISOString();
const ms = (isoTime: string | undefined) =>
  isoTime === undefined ? undefined : Date.parse(isoTime);

function toRecord(row: PromotionRow): PromotionRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    instance: row.instance,
    registeredModel: row.registered_model,
    action: row.action,
    alias: row.alias,
    fromVersion: row.from_version ?? undefined,
    toVersion: row.to_version,
    reason: row.reason,
    state: row.state,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at)!,
    gates: JSON.parse(row.gates) as GateResult[],
    decidedBy: row.decided_by ?? undefined,
    decisionComment: row.decision_comment ?? undefined,
    decidedAt: iso(row.decided_at),
    completedAt: iso(row.completed_at),
    error: row.error ?? undefined,
    outcomeLearnedAt: iso(row.outcome_learned_at),
    ...(row.pull_request
      ? { pullRequest: JSON.parse(row.pull_request) as PromotionPullRequest }
      : {}),
  };
}

/**
 * Persists the promotion history and the per-alias locks. The lock table's primary key (entity, alias) is what
 * makes two concurrent requests for one alias conflict, on SQLite and PostgreSQL alike.
 */
export class PromotionStore {
  /** `onChange` hears of every record written or moved to another state, after it was saved. */
  constructor(
    private readonly knex: Knex,
    private readonly onChange?: PromotionChangeListener,
  ) {}

  /**
   * Records a request that holds its alias's lock until it finishes. Throws ConflictError when another request
   * for the alias is open; then nothing is written.
   */
  async insertLocked(record: PromotionRecord): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('mlops_alias_locks')
        .insert({
          entity_ref: record.entityRef,
          alias: record.alias,
          promotion_id: record.id,
          acquired_at: Date.now(),
        })
        .onConflict(['entity_ref', 'alias'])
        .ignore();
      const lock = await tx('mlops_alias_locks')
        .where({ entity_ref: record.entityRef, alias: record.alias })
        .first();
      if (lock?.promotion_id !== record.id) {
        throw new ConflictError(
          `Another request for alias '${record.alias}' of ${record.entityRef} is open (${lock?.promotion_id}); wait for it to finish or be decided`,
        );
      }
      await tx('mlops_promotions').insert(this.toRow(record));
    });
    await this.changed(record);
  }

  /** Records a request that needs no lock (one stopped by its gates). */
  async insert(record: PromotionRecord): Promise<void> {
    await this.knex('mlops_promotions').insert(this.toRow(record));
    await this.changed(record);
  }

  /**
   * Applies an update only if the request is still in `expectedState`; returns whether it was. Finishing states
   * release the alias's lock in the same transaction.
   */
  async transition(
    id: string,
    expectedState: PromotionState,
    update: PromotionUpdate,
  ): Promise<boolean> {
    const moved = await this.knex.transaction(async tx => {
      const changed = await tx('mlops_promotions')
        .where({ id, state: expectedState })
        .update({
          state: update.state,
          decided_by: update.decidedBy,
          decision_comment: update.decisionComment,
          decided_at: ms(update.decidedAt),
          completed_at: ms(update.completedAt),
          error: update.error,
          outcome_learned_at: ms(update.outcomeLearnedAt),
          pull_request: update.pullRequest
            ? JSON.stringify(update.pullRequest)
            : undefined,
        });
      // A move whose outcome is unknown keeps its lock: nothing else may move the alias until it is settled.
      if (changed && update.state && !OPEN_STATES.includes(update.state)) {
        await tx('mlops_alias_locks').where({ promotion_id: id }).delete();
      }
      return changed > 0;
    });
    if (moved && this.onChange) {
      const record = await this.get(id);
      if (record) await this.changed(record, expectedState);
    }
    return moved;
  }

  private async changed(record: PromotionRecord, from?: PromotionState) {
    // What listeners do (notify, signal) comes after the fact: it must not fail the change itself.
    await this.onChange?.(record, from).catch(() => {});
  }

  /** Promotions waiting for their pull request against the alias file, oldest first (of one Model, if given). */
  async awaitingPullRequests(entityRef?: string): Promise<PromotionRecord[]> {
    const query = this.knex<PromotionRow>('mlops_promotions').where({
      state: 'pending_pull_request',
    });
    if (entityRef) {
      query.andWhere({ entity_ref: entityRef });
    }
    return (await query.orderBy('requested_at', 'asc')).map(toRecord);
  }

  /** Moves the registry never confirmed, oldest first: what reconciliation settles. */
  async unknownOutcomes(): Promise<PromotionRecord[]> {
    const rows = await this.knex<PromotionRow>('mlops_promotions')
      .where({ state: 'unknown' })
      .orderBy('requested_at', 'asc');
    return rows.map(toRecord);
  }

  async get(id: string): Promise<PromotionRecord | undefined> {
    const row = await this.knex<PromotionRow>('mlops_promotions')
      .where({ id })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /** A Model's history, oldest first. */
  async list(
    entityRef: string,
    options: { alias?: string } = {},
  ): Promise<PromotionRecord[]> {
    const query = this.knex<PromotionRow>('mlops_promotions').where({
      entity_ref: entityRef,
    });
    if (options.alias) {
      query.andWhere({ alias: options.alias });
    }
    const rows = await query.orderBy([
      { column: 'requested_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(toRecord);
  }

  /** The latest completed move of each alias of a Model, optionally as of a point in time. */
  async lastCompletedMoves(
    entityRef: string,
    asOf?: Date,
  ): Promise<Map<string, PromotionRecord>> {
    const query = this.knex<PromotionRow>('mlops_promotions')
      .where({ entity_ref: entityRef, state: 'completed' })
      .orderBy([
        { column: 'completed_at', order: 'asc' },
        { column: 'requested_at', order: 'asc' },
      ]);
    if (asOf) {
      query.andWhere('completed_at', '<=', asOf.getTime());
    }
    const moves = new Map<string, PromotionRecord>();
    for (const row of await query) {
      moves.set(row.alias, toRecord(row));
    }
    return moves;
  }

  private toRow(record: PromotionRecord): PromotionRow {
    return {
      id: record.id,
      entity_ref: record.entityRef,
      instance: record.instance,
      registered_model: record.registeredModel,
      action: record.action,
      alias: record.alias,
      from_version: record.fromVersion ?? null,
      to_version: record.toVersion,
      reason: record.reason,
      state: record.state,
      requested_by: record.requestedBy,
      requested_at: ms(record.requestedAt)!,
      gates: JSON.stringify(record.gates),
      decided_by: record.decidedBy ?? null,
      decision_comment: record.decisionComment ?? null,
      decided_at: ms(record.decidedAt) ?? null,
      completed_at: ms(record.completedAt) ?? null,
      error: record.error ?? null,
      outcome_learned_at: ms(record.outcomeLearnedAt) ?? null,
      pull_request: record.pullRequest
        ? JSON.stringify(record.pullRequest)
        : null,
    };
  }
}
