import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  MLOPS_API_VERSION,
  PipelineEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import {
  CatalogReader,
  entityNameOf,
  titleOf,
  UpstreamEntity,
  UpstreamEntityProvider,
} from './UpstreamEntityProvider';
import {
  KfpPipeline,
  KfpRecurringRun,
  KubeflowClient,
  KubeflowClients,
} from '@mlops-portal/plugin-mlops-node';

/** The annotation holding the KFP pipeline id of an ingested Pipeline. */
export const KUBEFLOW_PIPELINE_ID_ANNOTATION =
  'mlops.backstage.io/kubeflow-pipeline-id';

/** How ingested pipelines get their owner and system (`catalog.providers.mlopsKubeflow`). */
export type KubeflowProviderOptions = {
  defaultOwner: string;
  /** Owner by KFP pipeline name, overriding the default. */
  owners: Record<string, string>;
  /** System by KFP pipeline name, overriding `system`. */
  systems: Record<string, string>;
  system?: string;
  /** Lifecycle by KFP pipeline name, overriding `lifecycle`. */
  lifecycles: Record<string, string>;
  lifecycle: string;
  /** Pipeline type by KFP pipeline name (e.g. `batch-inference`); `training` otherwise. */
  types: Record<string, string>;
};

/**
 * Keeps the catalog's Pipeline entities in step with Kubeflow Pipelines: every pipeline of every configured
 * instance (`mlops.kubeflow.instances`) becomes a Pipeline with its instance, id and name, owner from
 * `catalog.providers.mlopsKubeflow.owners` or `defaultOwner`, system, lifecycle and type by pipeline name or
 * defaults, and its schedule from its enabled recurring run's cron trigger. A pipeline deleted upstream leaves the
 * catalog at the next refresh; an unreadable instance changes nothing; a Pipeline written in YAML with the same
 * name wins ({@link UpstreamEntityProvider}).
 */
export class KubeflowPipelineEntityProvider extends UpstreamEntityProvider {
  static fromConfig(
    config: Config,
    logger: LoggerService,
    written?: CatalogReader,
  ): KubeflowPipelineEntityProvider | undefined {
    const provider = config.getOptionalConfig(
      'catalog.providers.mlopsKubeflow',
    );
    if (!provider) {
      return undefined;
    }
    return new KubeflowPipelineEntityProvider(
      KubeflowClients.fromConfig(config),
      (config.getOptionalConfigArray('mlops.kubeflow.instances') ?? []).map(i =>
        i.getString('name'),
      ),
      {
        defaultOwner: provider.getString('defaultOwner'),
        owners: byName(provider, 'owners'),
        systems: byName(provider, 'systems'),
        system: provider.getOptionalString('system'),
        lifecycles: byName(provider, 'lifecycles'),
        lifecycle: provider.getOptionalString('lifecycle') ?? 'production',
        types: byName(provider, 'types'),
      },
      logger,
      written,
    );
  }

  protected readonly kind = 'Pipeline';

  constructor(
    private readonly clients: KubeflowClients,
    private readonly instances: string[],
    private readonly options: KubeflowProviderOptions,
    logger: LoggerService,
    written?: CatalogReader,
  ) {
    super('mlops-kubeflow-pipelines', 'Kubeflow pipelines', logger, written);
  }

  protected sources(): string[] {
    return this.instances.map(instance => `kubeflow:${instance}`);
  }

  protected async read(): Promise<UpstreamEntity[]> {
    const entities: UpstreamEntity[] = [];
    for (const instance of this.instances) {
      const client = this.clients.get(instance);
      const pipelines = await client.listPipelines();
      const schedules = schedulesByPipeline(await client.listRecurringRuns());
      for (const pipeline of pipelines) {
        entities.push({
          entity: this.toEntity(
            client,
            pipeline,
            schedules.get(pipeline.pipeline_id),
          ),
          source: `kubeflow:${instance}`,
        });
      }
    }
    return entities;
  }

  private toEntity(
    client: KubeflowClient,
    pipeline: KfpPipeline,
    schedule: string | undefined,
  ): PipelineEntityV1alpha1 {
    const kfpName =
      pipeline.name ?? pipeline.display_name ?? pipeline.pipeline_id;
    const location = `url:${client.baseUrl}/apis/v2beta1/pipelines/${pipeline.pipeline_id}`;
    const system = this.options.systems[kfpName] ?? this.options.system;
    return {
      apiVersion: MLOPS_API_VERSION,
      kind: 'Pipeline',
      metadata: {
        name: entityNameOf(kfpName, 'pipeline'),
        // KFP often repeats the name as the display name; a machine name then reads better in words.
        title:
          pipeline.display_name && pipeline.display_name !== kfpName
            ? pipeline.display_name
            : titleOf(kfpName),
        ...(pipeline.description ? { description: pipeline.description } : {}),
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [KUBEFLOW_PIPELINE_ID_ANNOTATION]: pipeline.pipeline_id,
        },
      },
      spec: {
        type: this.options.types[kfpName] ?? 'training',
        lifecycle: this.options.lifecycles[kfpName] ?? this.options.lifecycle,
        owner: this.options.owners[kfpName] ?? this.options.defaultOwner,
        ...(system ? { system } : {}),
        kubeflow: {
          instance: client.instanceName,
          pipelineId: pipeline.pipeline_id,
          pipelineName: kfpName,
        },
        ...(schedule ? { schedule } : {}),
      },
    };
  }
}

function byName(config: Config, key: string): Record<string, string> {
  return (config.getOptional(key) as Record<string, string>) ?? {};
}

/** The cron of each pipeline's first enabled recurring run with a cron trigger (KFP's six fields, seconds first). */
function schedulesByPipeline(runs: KfpRecurringRun[]): Map<string, string> {
  const schedules = new Map<string, string>();
  for (const run of runs) {
    const pipelineId = run.pipeline_version_reference?.pipeline_id;
    const cron = run.trigger?.cron_schedule?.cron;
    if (
      pipelineId &&
      cron &&
      run.status !== 'DISABLED' &&
      !schedules.has(pipelineId)
    ) {
      schedules.set(pipelineId, cron);
    }
  }
  return schedules;
}
