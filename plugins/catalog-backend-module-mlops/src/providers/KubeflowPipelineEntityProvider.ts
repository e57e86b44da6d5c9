import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  MLOPS_API_VERSION,
  PipelineEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
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

/** A DNS-1123-ish entity name from a KFP pipeline name (which may hold spaces, capitals, slashes…). */
export function entityNameOf(pipelineName: string): string {
  const name = pipelineName
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9-_.]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name.slice(0, 63).replace(/[^a-z0-9]+$/, '') || 'pipeline';
}

/**
 * Keeps the catalog's Pipeline entities in step with Kubeflow Pipelines: every pipeline of every configured
 * instance (`mlops.kubeflow.instances`) becomes a Pipeline with its instance, id and name, owner from
 * `catalog.providers.mlopsKubeflow.owners` or `defaultOwner`. Each refresh replaces the provider's whole set
 * (a full mutation), so a pipeline deleted upstream leaves the catalog. When an instance cannot be read the
 * refresh fails without a mutation: an outage never empties the catalog.
 */
export class KubeflowPipelineEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

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
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'mlops-kubeflow-pipelines';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Reads every instance's pipelines and replaces the provider's entities with them. */
  async refresh(): Promise<{ entities: number }> {
    if (!this.connection) {
      throw new Error('KubeflowPipelineEntityProvider is not connected yet');
    }
    const entities: Array<{
      entity: PipelineEntityV1alpha1;
      locationKey: string;
    }> = [];
    for (const instance of this.instances) {
      const client = this.clients.get(instance);
      for (const pipeline of await client.listPipelines()) {
        entities.push({
          entity: this.toEntity(client, pipeline),
          locationKey: `mlops-kubeflow:${instance}`,
        });
      }
    }
    await this.connection.applyMutation({ type: 'full', entities });
    this.logger.info(
      `Ingested ${entities.length} Kubeflow pipelines from ${this.instances.length} instance(s)`,
    );
    return { entities: entities.length };
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
        name: entityNameOf(kfpName),
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
