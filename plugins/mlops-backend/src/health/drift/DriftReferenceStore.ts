import { Knex } from 'knex';
import { FeatureDistributions } from '../../shared/statistics/featureHistograms';

export type DriftReference = {
  entityRef: string;
  version?: string;
  reason: string;
  capturedAt: string;
  distributions: FeatureDistributions;
};

/** Drift references, append-only: the latest one of a Model is its reference; older ones stay as history. */
export class DriftReferenceStore {
  constructor(private readonly knex: Knex) {}

  async add(reference: DriftReference): Promise<void> {
    await this.knex('mlops_drift_references').insert({
      entity_ref: reference.entityRef,
      version: reference.version ?? null,
      reason: reference.reason,
      distributions: JSON.stringify(reference.distributions, (_key, value) =>
        value === Infinity ? '+Inf' : value,
      ),
      captured_at: Date.parse(reference.capturedAt),
    });
  }

  async latest(entityRef: string): Promise<DriftReference | undefined> {
    const row = await this.knex('mlops_drift_references')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'captured_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row
      ? {
          entityRef: row.entity_ref,
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
