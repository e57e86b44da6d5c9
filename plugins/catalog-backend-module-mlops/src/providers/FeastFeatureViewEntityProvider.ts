import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  ANNOTATION_FEAST_PROJECT,
  FeatureViewEntityV1alpha1,
  featureViewEntityV1alpha1Validator,
  MLOPS_API_VERSION,
} from '@mlops-portal/plugin-mlops-common';
import {
  durationSeconds,
  FeastClient,
  FeastClients,
  FeastFeatureView,
  isoDuration,
  sourceOf,
} from '@mlops-portal/plugin-mlops-node';
import {
  CatalogReader,
  entityNameOf,
  titleOf,
  UpstreamEntity,
  UpstreamEntityProvider,
} from './UpstreamEntityProvider';

/** How ingested feature views get their owner and system (`catalog.providers.mlopsFeast`). */
export type FeastProviderOptions = {
  defaultOwner: string;
  /** Owner by Feast view name, or `project/name`, overriding the default. */
  owners: Record<string, string>;
  /** System by Feast project. */
  systems: Record<string, string>;
  /** The system of views whose project is not in `systems`. */
  system?: string;
  lifecycle: string;
};

/**
 * Keeps the catalog's FeatureView entities in step with Feast: every feature view (batch, stream and on-demand)
 * of every project of every registry in `mlops.feast.instances` (the instance's `projects`, or all the registry
 * lists) becomes a FeatureView with its entities, features and value types, TTL, source and stores. Models relate
 * to them through their own `spec.featureViews` (the entity name is the Feast name with `_` as `-`, e.g.
 * `featureview:customer-transactions`), and the processor adds the inverse `featuresConsumedBy`.
 *
 * @remarks
 * `online` is Feast's flag; `offline` is true when the view has a batch source or Feast says so (every view with
 * a batch source can be read from the offline store). A view the catalog's schema refuses (a value type it does
 * not know, no entity) is left out with a warning naming it, so one odd view never blocks the rest. The title is
 * the name in words (`customer_transactions` → "Customer transactions"). A FeatureView written in YAML with the
 * same name wins ({@link UpstreamEntityProvider}).
 */
export class FeastFeatureViewEntityProvider extends UpstreamEntityProvider {
  static fromConfig(
    config: Config,
    logger: LoggerService,
    written?: CatalogReader,
  ): FeastFeatureViewEntityProvider | undefined {
    const provider = config.getOptionalConfig('catalog.providers.mlopsFeast');
    if (!provider) {
      return undefined;
    }
    return new FeastFeatureViewEntityProvider(
      FeastClients.fromConfig(config).all,
      {
        defaultOwner: provider.getString('defaultOwner'),
        owners:
          (provider.getOptional('owners') as Record<string, string>) ?? {},
        systems:
          (provider.getOptional('systems') as Record<string, string>) ?? {},
        system: provider.getOptionalString('system'),
        lifecycle: provider.getOptionalString('lifecycle') ?? 'production',
      },
      logger,
      written,
    );
  }

  protected readonly kind = 'FeatureView';

  constructor(
    private readonly clients: FeastClient[],
    private readonly options: FeastProviderOptions,
    logger: LoggerService,
    written?: CatalogReader,
  ) {
    super('mlops-feast-feature-views', 'Feast feature views', logger, written);
  }

  protected sources(): string[] {
    return this.clients.map(client => `feast:${client.instanceName}`);
  }

  protected async read(): Promise<UpstreamEntity[]> {
    const entities: UpstreamEntity[] = [];
    for (const client of this.clients) {
      for (const project of await client.projectNames()) {
        for (const view of await client.listFeatureViews(project)) {
          const entity = this.toEntity(client, project, view);
          try {
            featureViewEntityV1alpha1Validator(entity);
          } catch (error) {
            this.logger.warn(
              `Feast feature view ${project}/${view.spec.name} on '${
                client.instanceName
              }' left out of the catalog: ${(error as Error).message}`,
            );
            continue;
          }
          entities.push({
            entity,
            source: `feast:${client.instanceName}`,
          });
        }
      }
    }
    return entities;
  }

  private toEntity(
    client: FeastClient,
    project: string,
    view: FeastFeatureView,
  ): FeatureViewEntityV1alpha1 {
    const { spec } = view;
    const location = `url:${
      client.baseUrl
    }/api/v1/feature_views/${encodeURIComponent(
      spec.name,
    )}?project=${encodeURIComponent(project)}`;
    const ttl = durationSeconds(spec.ttl);
    const source = sourceOf(view);
    const system = this.options.systems[project] ?? this.options.system;
    return {
      apiVersion: MLOPS_API_VERSION,
      kind: 'FeatureView',
      metadata: {
        name: entityNameOf(spec.name, 'feature-view'),
        title: titleOf(spec.name),
        ...(spec.description ? { description: spec.description } : {}),
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [ANNOTATION_FEAST_PROJECT]: project,
        },
        ...(view.type !== 'featureView'
          ? { labels: { 'mlops.backstage.io/feast-view-type': view.type } }
          : {}),
      },
      spec: {
        lifecycle: this.options.lifecycle,
        owner:
          this.options.owners[`${project}/${spec.name}`] ??
          this.options.owners[spec.name] ??
          this.options.defaultOwner,
        ...(system ? { system } : {}),
        entities: spec.entities ?? [],
        features: (spec.features ?? []).map(f => ({
          name: f.name,
          type: f.valueType ?? 'INVALID',
          ...(f.description ? { description: f.description } : {}),
        })),
        ...(source ? { source } : {}),
        ...(ttl ? { ttl: isoDuration(ttl) } : {}),
        online: spec.online === true,
        offline: spec.offline === true || Boolean(spec.batchSource?.name),
        feast: { instance: client.instanceName, project, name: spec.name },
      },
    };
  }
}
