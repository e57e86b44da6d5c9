import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  isModelEntity,
  isPipelineEntity,
  RELATION_TRAINS,
  RunModelVersion,
  mlopsPipelineRunPermission,
  PipelineEntityV1alpha1,
  PipelineParameter,
  PipelineRunsView,
  PipelineRunSummary,
} from '@mlops-portal/plugin-mlops-common';
import { KubeflowClient } from '@mlops-portal/plugin-mlops-node';
import { KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { KfpPipelineVersion, KfpRun } from '@mlops-portal/plugin-mlops-node';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { ModelRegistries } from '../shared/ModelRegistries';
import { authorizeOnEntity } from '../shared/authorizeOnEntity';
import { checkRunParameters } from './checkRunParameters';
import { failedTaskOf } from './failedTaskOf';

/** The model version tag naming the Kubeflow run that registered the version. */
export const KFP_RUN_ID_TAG = 'kfp_run_id';

/** How many of the namespace's latest runs are searched for the pipeline's own (KFP cannot filter by pipeline). */
const RUNS_SEARCHED = 200;
const RUNS_SHOWN = 50;
/** How many of the shown failed runs are read one by one for the task that failed them (newest first). */
const FAILED_RUNS_DETAILED = 10;

/**
 * A Pipeline entity's life in Kubeflow Pipelines: its recent runs, recurring runs and run parameters, and
 * starting a run on behalf of a user (permission `mlops.pipeline.run` on the entity). Upstream failures name
 * Kubeflow (502/503); a pipeline missing upstream is a 404.
 */
export class PipelineRunsService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      kubeflow: KubeflowClients;
      permissions: PermissionsService;
      /** The model registries, to link runs to the model versions they registered (absent: no links). */
      registries?: ModelRegistries;
      /** Kubeflow UI base URLs by instance, for run links. */
      uiUrls?: Record<string, string>;
    },
  ) {}

  async view(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<PipelineRunsView> {
    const { entity, client } = await this.resolve(entityRef, credentials);
    try {
      const pipelineId = await this.pipelineId(entity, client);
      const [runs, recurring, version, registered] = await Promise.all([
        client.listRuns({ max: RUNS_SEARCHED }),
        client.listRecurringRuns(),
        client.getLatestPipelineVersion(pipelineId),
        this.registeredVersions(entity, credentials),
      ]);
      return {
        kubeflowInstance: client.instanceName,
        pipelineId,
        pipelineName: this.kfpName(entity),
        runs: (
          await this.withTaskDetails(
            client,
            runs
              .filter(
                r => r.pipeline_version_reference?.pipeline_id === pipelineId,
              )
              .slice(0, RUNS_SHOWN),
          )
        ).map(r => ({
          ...this.summary(r, client),
          ...(registered.byRun.has(r.run_id)
            ? { modelVersions: registered.byRun.get(r.run_id) }
            : {}),
        })),
        recurringRuns: recurring
          .filter(r => r.pipeline_version_reference?.pipeline_id === pipelineId)
          .map(r => ({
            id: r.recurring_run_id,
            name: r.display_name,
            schedule:
              r.trigger?.cron_schedule?.cron ??
              (r.trigger?.periodic_schedule?.interval_second
                ? `every ${r.trigger.periodic_schedule.interval_second}s`
                : undefined),
            enabled: r.status === 'ENABLED',
          })),
        parameters: parametersOf(version),
        ...(registered.error ? { modelVersionsError: registered.error } : {}),
      };
    } catch (error) {
      throw upstreamErrorToServiceError(
        error,
        `Kubeflow pipeline '${this.kfpName(entity)}' not found in instance '${
          client.instanceName
        }'`,
      );
    }
  }

  async start(
    entityRef: string,
    request: {
      parameters: Record<string, unknown>;
      displayName?: string;
      /** The Kubeflow experiment (display name) to file the run under; created when missing. */
      experiment?: string;
      /** A pipeline version id; the latest version when absent. */
      pipelineVersionId?: string;
    },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<PipelineRunSummary> {
    const { entity, client } = await this.resolve(entityRef, credentials);
    await authorizeOnEntity(
      this.deps.permissions,
      mlopsPipelineRunPermission,
      entityRef,
      credentials,
    );
    const view = await this.view(entityRef, credentials);
    const declared = request.pipelineVersionId
      ? parametersOf(
          await this.version(
            client,
            view.pipelineId,
            request.pipelineVersionId,
          ),
        )
      : view.parameters;
    const parameters = checkRunParameters(declared, request.parameters);
    try {
      const experiment = request.experiment
        ? await client.ensureExperiment(request.experiment)
        : undefined;
      const run = await client.createRun({
        display_name:
          request.displayName ??
          `${entity.metadata.name} by ${credentials.principal.userEntityRef
            .split('/')
            .pop()} ${new Date().toISOString()}`,
        description: `Started from the MLOps Portal by ${credentials.principal.userEntityRef}`,
        ...(experiment ? { experiment_id: experiment.experiment_id } : {}),
        pipeline_version_reference: {
          pipeline_id: view.pipelineId,
          ...(request.pipelineVersionId
            ? { pipeline_version_id: request.pipelineVersionId }
            : {}),
        },
        runtime_config: { parameters },
      });
      return this.summary(run, client);
    } catch (error) {
      throw upstreamErrorToServiceError(error);
    }
  }

  /**
   * The failed runs among `runs` with their task details: a list answer may leave `run_details` out, so the
   * newest failed runs without them are read one by one (`GET /runs/{id}`). A run whose details cannot be read
   * keeps its run-level error; it never fails the view.
   */
  private async withTaskDetails(
    client: KubeflowClient,
    runs: KfpRun[],
  ): Promise<KfpRun[]> {
    const toRead = new Set(
      runs
        .filter(r => r.state === 'FAILED' && !r.run_details?.task_details)
        .slice(0, FAILED_RUNS_DETAILED)
        .map(r => r.run_id),
    );
    return Promise.all(
      runs.map(async r =>
        toRead.has(r.run_id) ? client.getRun(r.run_id).catch(() => r) : r,
      ),
    );
  }

  /**
   * The registry's model versions of the Models this pipeline trains (its `trains` relations), by the Kubeflow run
   * that registered them: the version's `kfp_run_id` tag, which the generated training pipeline sets. A registry
   * failure leaves the runs without links and says so; it never fails the runs view.
   */
  private async registeredVersions(
    pipeline: PipelineEntityV1alpha1,
    credentials: BackstageCredentials,
  ): Promise<{ byRun: Map<string, RunModelVersion[]>; error?: string }> {
    const byRun = new Map<string, RunModelVersion[]>();
    const modelRefs = (pipeline.relations ?? [])
      .filter(r => r.type === RELATION_TRAINS)
      .map(r => r.targetRef);
    if (!this.deps.registries || modelRefs.length === 0) {
      return { byRun };
    }
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: modelRefs },
      { credentials },
    );
    try {
      for (const model of items) {
        if (!model || !isModelEntity(model) || !model.spec.registry) continue;
        const { provider, instance, modelName } = model.spec.registry;
        const versions = await this.deps.registries
          .client({ provider, instance })
          .listModelVersions(modelName);
        for (const v of versions) {
          const runId = v.tags[KFP_RUN_ID_TAG];
          if (!runId) continue;
          byRun.set(runId, [
            ...(byRun.get(runId) ?? []),
            {
              modelRef: stringifyEntityRef(model),
              registeredModel: modelName,
              version: v.version,
            },
          ]);
        }
      }
      return { byRun };
    } catch (error) {
      return { byRun, error: (error as Error).message };
    }
  }

  private async version(
    client: KubeflowClient,
    pipelineId: string,
    versionId: string,
  ): Promise<KfpPipelineVersion> {
    try {
      return await client.getPipelineVersion(pipelineId, versionId);
    } catch (error) {
      throw upstreamErrorToServiceError(
        error,
        `Pipeline version '${versionId}' not found in Kubeflow instance '${client.instanceName}'`,
      );
    }
  }

  private async resolve(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (!isPipelineEntity(entity)) {
      throw new InputError(`${entityRef} is a ${entity.kind}, not a Pipeline`);
    }
    return {
      entity,
      client: this.deps.kubeflow.get(entity.spec.kubeflow.instance),
    };
  }

  private kfpName(entity: PipelineEntityV1alpha1) {
    return entity.spec.kubeflow.pipelineName ?? entity.metadata.name;
  }

  private async pipelineId(
    entity: PipelineEntityV1alpha1,
    client: KubeflowClient,
  ): Promise<string> {
    return (
      entity.spec.kubeflow.pipelineId ??
      (await client.getPipelineByName(this.kfpName(entity))).pipeline_id
    );
  }

  private summary(run: KfpRun, client: KubeflowClient): PipelineRunSummary {
    const started = run.created_at ? Date.parse(run.created_at) : undefined;
    const finished = run.finished_at ? Date.parse(run.finished_at) : undefined;
    const ui = this.deps.uiUrls?.[client.instanceName];
    const failedTask = run.state === 'FAILED' ? failedTaskOf(run) : undefined;
    return {
      id: run.run_id,
      name: run.display_name,
      state: run.state ?? 'RUNTIME_STATE_UNSPECIFIED',
      createdAt: run.created_at,
      finishedAt: run.finished_at,
      durationSeconds:
        started !== undefined && finished !== undefined
          ? Math.round((finished - started) / 1000)
          : undefined,
      parameters: run.runtime_config?.parameters ?? {},
      ...(run.experiment_id ? { experimentId: run.experiment_id } : {}),
      error: run.error?.message,
      ...(failedTask ? { failedTask } : {}),
      url: ui
        ? `${ui.replace(/\/+$/, '')}/#/runs/details/${run.run_id}`
        : undefined,
    };
  }
}

/** The run parameters a pipeline version declares (its compiled spec's `root.inputDefinitions`). */
function parametersOf(version?: KfpPipelineVersion): PipelineParameter[] {
  return Object.entries(
    version?.pipeline_spec?.root?.inputDefinitions?.parameters ?? {},
  ).map(([name, p]) => ({
    name,
    type: p.parameterType ?? 'STRING',
    defaultValue: p.defaultValue,
    optional: Boolean(p.isOptional),
  }));
}
