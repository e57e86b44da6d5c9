import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlopsEntitiesProcessor } from './processors/MlopsEntitiesProcessor';
import { FeastFeatureViewEntityProvider } from './providers/FeastFeatureViewEntityProvider';
import { KubeflowPipelineEntityProvider } from './providers/KubeflowPipelineEntityProvider';

/**
 * Teaches the catalog the Model, Pipeline and FeatureView kinds, and (when configured) ingests Kubeflow
 * Pipelines' pipelines as Pipeline entities and Feast's feature views as FeatureView entities.
 *
 * @remarks
 * The kinds are registered through a CatalogProcessor rather than `catalogModelExtensionPoint.addModelSource`:
 * the model-source API is still alpha in `@backstage/plugin-catalog-node` 2.2 and does not emit relations,
 * while a processor both validates and relates, and works on every catalog release of the 1.x line.
 *
 * @public
 */
export const catalogModuleMlopsEntityModel = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops-entity-model',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addProcessor(new MlopsEntitiesProcessor());
        // Each provider is on only when its `catalog.providers.*` block is configured.
        const providers = [
          {
            provider: KubeflowPipelineEntityProvider.fromConfig(config, logger),
            key: 'mlopsKubeflow',
            taskId: 'mlops-kubeflow-pipelines-refresh',
          },
          {
            provider: FeastFeatureViewEntityProvider.fromConfig(config, logger),
            key: 'mlopsFeast',
            taskId: 'mlops-feast-feature-views-refresh',
          },
        ];
        for (const { provider, key, taskId } of providers) {
          if (!provider) continue;
          catalog.addEntityProvider(provider);
          const minutes =
            config.getOptionalNumber(
              `catalog.providers.${key}.refreshMinutes`,
            ) ?? 30;
          await scheduler.scheduleTask({
            id: taskId,
            frequency: { minutes },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 15 },
            fn: async () => {
              await provider.refresh();
            },
          });
        }
      },
    });
  },
});
