import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DriftReport,
  isModelEntity,
  isPipelineEntity,
  ModelEntityV1alpha1,
  RetrainingRun,
} from '@mlops-portal/plugin-mlops-common';
import { KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { PrometheusClients } from '../../shared/prometheus/PrometheusClients';
import { RetrainingStore } from './RetrainingStore';
import { parseDuration } from '../../shared/duration';
import { DriftService } from '../drift/DriftService';
import { ModelEntities } from '../../shared/ModelEntities';
import { MlopsNotifier } from '../../notifications/MlopsNotifier';

export const RETRAINING_ACTOR = 'mlops:drift-retraining';
const DEFAULT_MIN_SAMPLES = 1000;
const DEFAULT_COOLDOWN = '24h';

export type RetrainingDecision = { started?: RetrainingRun; reason: string };

/**
 * Retraining on drift. A scheduled check looks at every Model that declares `spec.retraining`; when its dataset
 * verdict is "drifted" on at least `minSamples` observations and no run was started for it within `cooldown`, it
 * starts a run of the declared Pipeline's Kubeflow pipeline (latest version) with `drift_reason` among its
 * parameters, and records why. The record is written before the run is started, in a transaction that checks the
 * cooldown, so two replicas never both start one; a failed start removes it so the next check tries again.
 */
export class RetrainingService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      models: ModelEntities;
      kubeflow: KubeflowClients;
      prometheus: PrometheusClients;
      drift: DriftService;
      store: RetrainingStore;
      auditor: AuditorService;
      logger: LoggerService;
      /** Tells the owners a run started (absent in tests that look only at the decision). */
      notifier?: Pick<MlopsNotifier, 'retrainingStarted'>;
      clock?: () => number;
    },
  ) {}

  /** The last failure logged per Model. */
  private readonly failing = new Map<string, string>();

  /** The scheduled check over every Model with `spec.retraining`; one Model's failure stops none of the others. */
  async checkAll(): Promise<void> {
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: 'Model' } },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    for (const entity of items) {
      if (!isModelEntity(entity) || !entity.spec.retraining) continue;
      const entityRef = `model:${entity.metadata.namespace ?? 'default'}/${
        entity.metadata.name
      }`.toLocaleLowerCase('en-US');
      try {
        const client = this.deps.prometheus.get(
          entity.spec.monitoring?.prometheus,
        );
        const drift = await this.deps.drift.report(entityRef, entity, client);
        await this.consider(entityRef, entity, drift);
        this.failing.delete(entityRef);
      } catch (error) {
        // Said once per cause: a missing Prometheus would otherwise repeat every check.
        const said = String(error);
        if (this.failing.get(entityRef) !== said) {
          this.failing.set(entityRef, said);
          this.deps.logger.warn(
            `Retraining check of ${entityRef} failed (not repeated until it changes): ${said}`,
          );
        }
      }
    }
  }

  /** Decides on one Model given its drift report, and starts the run when it is due. */
  async consider(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    drift: DriftReport,
  ): Promise<RetrainingDecision> {
    const retraining = entity.spec.retraining;
    if (!retraining) {
      return { reason: 'no spec.retraining' };
    }
    if (drift.verdict !== 'drifted') {
      return { reason: `inputs are ${drift.verdict}` };
    }
    const minSamples = retraining.minSamples ?? DEFAULT_MIN_SAMPLES;
    // Exported drift gauges carry no counts: the job that computed them is trusted to have had enough data.
    const counted = drift.features.filter(f => f.samples !== undefined);
    const samples = counted.length
      ? Math.min(...counted.map(f => f.samples!))
      : Infinity;
    if (samples < minSamples) {
      return {
        reason: `only ${Math.floor(samples)} of ${minSamples} observations`,
      };
    }
    const drifted = drift.features.filter(f => f.drifted).map(f => f.feature);
    const reason = `dataset drifted: ${drifted.join(', ')} (${Math.round(
      drift.share * 100,
    )}% of features, threshold ${Math.round(drift.driftShare * 100)}%)`;
    const pipeline = await this.deps.catalog.getEntityByRef(
      retraining.pipeline,
      {
        credentials: await this.deps.auth.getOwnServiceCredentials(),
      },
    );
    if (!pipeline || !isPipelineEntity(pipeline)) {
      throw new InputError(
        `${entityRef} retrains with ${retraining.pipeline}, which is not a Pipeline in the catalog`,
      );
    }
    const kfp = pipeline.spec.kubeflow;
    const client = this.deps.kubeflow.get(kfp.instance);
    const now = this.deps.clock?.() ?? Date.now();
    const run: RetrainingRun = {
      entityRef,
      pipelineRef: retraining.pipeline,
      kubeflowInstance: client.instanceName,
      runId: 'starting',
      reason,
      startedAt: new Date(now).toISOString(),
    };
    const cooldown = parseDuration(
      retraining.cooldown ?? DEFAULT_COOLDOWN,
      'cooldown',
    );
    if (!(await this.deps.store.recordIfCooledDown(run, now - cooldown))) {
      return {
        reason: `cooling down: a run was started within ${
          retraining.cooldown ?? DEFAULT_COOLDOWN
        }`,
      };
    }
    const audit = await this.deps.auditor.createEvent({
      eventId: 'model-retraining-start',
      severityLevel: 'medium',
      meta: {
        entityRef,
        pipeline: retraining.pipeline,
        reason,
        actor: RETRAINING_ACTOR,
      },
    });
    try {
      const pipelineId =
        kfp.pipelineId ??
        (
          await client.getPipelineByName(
            kfp.pipelineName ?? pipeline.metadata.name,
          )
        ).pipeline_id;
      const created = await client.createRun({
        display_name: `drift retraining of ${entity.metadata.name} ${run.startedAt}`,
        description: reason,
        pipeline_version_reference: { pipeline_id: pipelineId },
        runtime_config: {
          parameters: { ...retraining.parameters, drift_reason: reason },
        },
      });
      await this.deps.store.setRunId(entityRef, run.startedAt, created.run_id);
      await audit.success({ meta: { runId: created.run_id } });
      await this.deps.notifier?.retrainingStarted({
        entityRef,
        reason,
        runId: created.run_id,
        pipelineRef: retraining.pipeline,
      });
      this.deps.logger.info(
        `${RETRAINING_ACTOR} started Kubeflow run ${created.run_id} of ${retraining.pipeline} for ${entityRef}: ${reason}`,
      );
      return {
        started: { ...run, runId: created.run_id, state: created.state },
        reason,
      };
    } catch (error) {
      await this.deps.store.remove(entityRef, run.startedAt);
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /** The runs started on drift for a Model, newest first, with their current state in Kubeflow when it answers. */
  async history(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RetrainingRun[]> {
    await this.deps.models.getModel(entityRef, credentials);
    const runs = await this.deps.store.list(entityRef);
    return Promise.all(
      runs.slice(0, 20).map(async run => {
        try {
          const kfpRun = await this.deps.kubeflow
            .get(run.kubeflowInstance)
            .getRun(run.runId);
          return { ...run, state: kfpRun.state };
        } catch {
          return run;
        }
      }),
    );
  }
}
