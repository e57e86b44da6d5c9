import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  isPipelineEntity,
  mlopsPipelineRunPermission,
  PipelineEntityV1alpha1,
  PipelineRunsView,
  PipelineRunSummary,
} from '@mlops-portal/plugin-mlops-common';
import { KubeflowClient } from '@mlops-portal/plugin-mlops-node';
import { KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { KfpRun } from '@mlops-portal/plugin-mlops-node';
import { upstreamErrorToServiceError } from '../../errors/upstreamErrorToServiceError';
import { checkRunParameters } from './checkRunParameters';

/** How many of the namespace's latest runs are searched for the pipeline's own (KFP cannot filter by pipeline). */
const RUNS_SEARCHED = 200;
const RUNS_SHOWN = 50;

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
      const [runs, recurring, version] = await Promise.all([
        client.listRuns({ max: RUNS_SEARCHED }),
        client.listRecurringRuns(),
        client.getLatestPipelineVersion(pipelineId),
      ]);
      return {
        kubeflowInstance: client.instanceName,
        pipelineId,
        pipelineName: this.kfpName(entity),
        runs: runs
          .filter(r => r.pipeline_version_reference?.pipeline_id === pipelineId)
          .slice(0, RUNS_SHOWN)
          .map(r => this.summary(r, client)),
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
        parameters: Object.entries(
          version?.pipeline_spec?.root?.inputDefinitions?.parameters ?? {},
        ).map(([name, p]) => ({
          name,
          type: p.parameterType ?? 'STRING',
          defaultValue: p.defaultValue,
          optional: Boolean(p.isOptional),
        })),
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
    request: { parameters: Record<string, unknown>; displayName?: string },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<PipelineRunSummary> {
    const { entity, client } = await this.resolve(entityRef, credentials);
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: mlopsPipelineRunPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${mlopsPipelineRunPermission.name} on ${entityRef}`,
      );
    }
    const view = await this.view(entityRef, credentials);
    const parameters = checkRunParameters(view.parameters, request.parameters);
    try {
      const run = await client.createRun({
        display_name:
          request.displayName ??
          `${entity.metadata.name} by ${credentials.principal.userEntityRef
            .split('/')
            .pop()} ${new Date().toISOString()}`,
        description: `Started from the MLOps Portal by ${credentials.principal.userEntityRef}`,
        pipeline_version_reference: { pipeline_id: view.pipelineId },
        runtime_config: { parameters },
      });
      return this.summary(run, client);
    } catch (error) {
      throw upstreamErrorToServiceError(error);
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
      error: run.error?.message,
      url: ui
        ? `${ui.replace(/\/+$/, '')}/#/runs/details/${run.run_id}`
        : undefined,
    };
  }
}
