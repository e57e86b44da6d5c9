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
  entityNameOf,
  UpstreamEntity,
  UpstreamEntityProvider,
} from './UpstreamEntityProvider';
import {
  KfpPipeline,
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
  system?: string;
  lifecycle: string;
};

/**
 * Keeps the catalog's Pipeline entities in step with Kubeflow Pipelines: every pipeline of every configured
 * instance (`mlops.kubeflow.instances`) becomes a Pipeline with its instance, id and name, owner from
 * `catalog.providers.mlopsKubeflow.owners` or `defaultOwner`. A pipeline deleted upstream leaves the catalog
 * at the next refresh; an unreadable instance changes nothing ({@link UpstreamEntityProvider}).
 */
export class KubeflowPipelineEntityProvider extends UpstreamEntityProvider {
  static fromConfig(
    config: Config,
    logger: LoggerService,
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
        owners:
          (provider.getOptional('owners') as Record<string, string>) ?? {},
        system: provider.getOptionalString('system'),
        lifecycle: provider.getOptionalString('lifecycle') ?? 'production',
      },
      logger,
    );
  }

  constructor(
    private readonly clients: KubeflowClients,
    private readonly instances: string[],
    private readonly options: KubeflowProviderOptions,
    logger: LoggerService,
  ) {
    super('mlops-kubeflow-pipelines', 'Kubeflow pipelines', logger);
  }

  protected async read(): Promise<UpstreamEntity[]> {
    const entities: UpstreamEntity[] = [];
    for (const instance of this.instances) {
      const client = this.clients.get(instance);
      for (const pipeline of await client.listPipelines()) {
        entities.push({
          entity: this.toEntity(client, pipeline),
          locationKey: `mlops-kubeflow:${instance}`,
        });
      }
    }
    return entities;
  }

  private toEntity(
    client: KubeflowClient,
    pipeline: KfpPipeline,
  ): PipelineEntityV1alpha1 {
    const kfpName =
      pipeline.name ?? pipeline.display_name ?? pipeline.pipeline_id;
    const location = `url:${client.baseUrl}/apis/v2beta1/pipelines/${pipeline.pipeline_id}`;
    return {
      apiVersion: MLOPS_API_VERSION,
      kind: 'Pipeline',
      metadata: {
        name: entityNameOf(kfpName, 'pipeline'),
        title: pipeline.display_name ?? kfpName,
        ...(pipeline.description ? { description: pipeline.description } : {}),
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [KUBEFLOW_PIPELINE_ID_ANNOTATION]: pipeline.pipeline_id,
        },
      },
      spec: {
        type: 'training',
        lifecycle: this.options.lifecycle,
        owner: this.options.owners[kfpName] ?? this.options.defaultOwner,
        ...(this.options.system ? { system: this.options.system } : {}),
        kubeflow: {
          instance: client.instanceName,
          pipelineId: pipeline.pipeline_id,
          pipelineName: kfpName,
        },
      },
    };
  }
}
