import { DriftReferenceSource } from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';
import { FeatureDistributions } from '../../shared/statistics/featureHistograms';

export type StoredDriftReference = {
  entityRef: string;
  source: DriftReferenceSource;
  /** The champion version the reference belongs to, when one is known. */
  version?: string;
  reason: string;
  capturedAt: string;
  distributions: FeatureDistributions;
};

/**
 * Drift references, append-only: once taken, a reference is kept for its Model, source and champion version, so
 * it is read from the registry or Prometheus once; older ones stay as history.
 */
export class DriftReferenceStore {
  constructor(private readonly knex: Knex) {}

  async add(reference: StoredDriftReference): Promise<void> {
    await this.knex('mlops_drift_references').insert({
      entity_ref: reference.entityRef,
      source: reference.source,
      version: reference.version ?? null,
      reason: reference.reason,
      distributions: JSON.stringify(reference.distributions, (_key, value) =>
        value === Infinity ? '+Inf' : value,
      ),
      captured_at: Date.parse(reference.capturedAt),
    });
  }

  /**
   * The newest reference of a Model from `source`, for champion `version` (a reference taken while no version
   * was known when `version` is undefined).
   */
  async find(
    entityRef: string,
    source: DriftReferenceSource,
    version: string | undefined,
  ): Promise<StoredDriftReference | undefined> {
    const row = await this.knex('mlops_drift_references')
      .where({ entity_ref: entityRef, source })
      .andWhere(query =>
        version === undefined
          ? query.whereNull('version')
          : query.where({ version }),
      )
      .orderBy([
        { column: 'captured_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row
      ? {
          entityRef: row.entity_ref,
          source: row.source,
          version: row.version ?? undefined,
          reason: row.reason,
          capturedAt: new Date(Number(row.captured_at)).toISOString(),
          // JSON has no Infinity: the +Inf bucket's bound is stored as Prometheus writes it.
          distributions: JSON.parse(row.distributions, (_key, value) =>
            value === '+Inf' ? Infinity : value,
          ),
        }
      : undefined;
  }
}
