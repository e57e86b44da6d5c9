import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  KubeflowModelRegistry,
  KubeflowModelRegistryClients,
} from '@mlops-portal/plugin-mlops-backend-module-kubeflow-model-registry';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { MlopsEntitiesProcessor } from './processors/MlopsEntitiesProcessor';
import { FeastFeatureViewEntityProvider } from './providers/FeastFeatureViewEntityProvider';
import { KubeflowPipelineEntityProvider } from './providers/KubeflowPipelineEntityProvider';
import { refreshWithRetries } from './providers/refreshWithRetries';
import { RegisteredModelEntityProvider } from './providers/RegisteredModelEntityProvider';
import { UpstreamEntityProvider } from './providers/UpstreamEntityProvider';

/**
 * Teaches the catalog the Model, Pipeline and FeatureView kinds, and (when configured) ingests Kubeflow
 * Pipelines' pipelines as Pipeline entities, Feast's feature views as FeatureView entities and the registered
 * models of each model registry instance as Model entities. Entities written in YAML win over ingested ones of
 * the same kind and name.
 *
 * @remarks
 * The kinds are registered through a CatalogProcessor rather than `catalogModelExtensionPoint.addModelSource`:
 * the model-source API is still alpha in `@backstage/plugin-catalog-node` 2.2 and does not emit relations,
 * while a processor both validates and relates, and works on every catalog release of the 1.x line.
 *
 * The model registries are modules of the `mlops` plugin, out of a catalog module's reach, so this module builds
 * its own registry clients from the same `mlops.mlflow.instances` and `mlops.kubeflowModelRegistry.instances`
 * config.
 *
 * @public
 */
export const catalogModuleMlopsEntityModel = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops-entity-model',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        cache: coreServices.cache,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({
        catalogProcessing,
        catalog,
        auth,
        cache,
        config,
        logger,
        scheduler,
      }) {
        catalogProcessing.addProcessor(new MlopsEntitiesProcessor());
        const written = { catalog, auth };
        // Each provider is on only when its `catalog.providers.*` block is configured.
        const providers: Array<{
          provider: UpstreamEntityProvider | undefined;
          key: string;
        }> = [
          {
            provider: KubeflowPipelineEntityProvider.fromConfig(
              config,
              logger,
              written,
            ),
            key: 'mlopsKubeflow',
          },
          {
            provider: FeastFeatureViewEntityProvider.fromConfig(
              config,
              logger,
              written,
            ),
            key: 'mlopsFeast',
          },
          ...RegisteredModelEntityProvider.fromConfig(
            config,
            [
              new MlflowModelRegistry(MlflowClients.fromConfig(config), cache),
              new KubeflowModelRegistry(
                KubeflowModelRegistryClients.fromConfig(config),
              ),
            ],
            logger,
            written,
          ).map(provider => ({ provider, key: 'mlopsRegistry' })),
        ];
        for (const { provider, key } of providers) {
          if (!provider) continue;
          catalogProcessing.addEntityProvider(provider);
          const minutes =
            config.getOptionalNumber(
              `catalog.providers.${key}.refreshMinutes`,
            ) ?? 30;
          await scheduler.scheduleTask({
            id: `${provider.getProviderName()}-refresh`,
            frequency: { minutes },
            timeout: { minutes: 10 },
            // Promptly after start, so a fresh catalog shows the upstreams' entities within seconds.
            initialDelay: { seconds: 2 },
            fn: () =>
              refreshWithRetries(() => provider.refresh(), {
                logger,
                what: provider.getProviderName(),
              }),
          });
        }
      },
    });
  },
});
