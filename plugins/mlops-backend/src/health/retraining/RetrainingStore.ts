import { RetrainingRun } from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';

/** Retraining runs started on drift, append-only; the latest start of a Model is what its cooldown counts from. */
export class RetrainingStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Records a start only if none was recorded for the Model since `notBefore` (its cooldown), inside one
   * transaction, so two replicas checking at once cannot both start a run. Returns whether it was recorded.
   */
  async recordIfCooledDown(
    run: RetrainingRun,
    notBefore: number,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const recent = await tx('mlops_retraining_runs')
        .where({ entity_ref: run.entityRef })
        .andWhere('started_at', '>=', notBefore)
        .first();
      if (recent) {
        return false;
      }
      await tx('mlops_retraining_runs').insert(this.toRow(run));
      return true;
    });
  }

  /** Replaces the placeholder run id of a start with the one Kubeflow assigned. */
  async setRunId(entityRef: string, startedAt: string, runId: string) {
    await this.knex('mlops_retraining_runs')
      .where({ entity_ref: entityRef, started_at: Date.parse(startedAt) })
      .update({ run_id: runId });
  }

  async remove(entityRef: string, startedAt: string) {
    await this.knex('mlops_retraining_runs')
      .where({ entity_ref: entityRef, started_at: Date.parse(startedAt) })
      .delete();
  }

  async list(entityRef: string): Promise<RetrainingRun[]> {
    const rows = await this.knex('mlops_retraining_runs')
      .where({ entity_ref: entityRef })
      .orderBy('started_at', 'desc');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      pipelineRef: row.pipeline_ref,
      kubeflowInstance: row.kubeflow_instance,
      runId: row.run_id,
      reason: row.reason,
      startedAt: new Date(Number(row.started_at)).toISOString(),
    }));
  }

  private toRow(run: RetrainingRun) {
    return {
      entity_ref: run.entityRef,
      pipeline_ref: run.pipelineRef,
      kubeflow_instance: run.kubeflowInstance,
      run_id: run.runId,
      reason: run.reason,
      started_at: Date.parse(run.startedAt),
    };
  }
}
