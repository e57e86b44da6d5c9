import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlopsEntitiesProcessor } from './processors/MlopsEntitiesProcessor';

/**
 * Teaches the catalog the Model, Pipeline and FeatureView kinds.
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
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new MlopsEntitiesProcessor());
      },
    });
  },
});
