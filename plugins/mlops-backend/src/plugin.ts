import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlopsPermissions } from '@mlops-portal/plugin-mlops-common';
import { MlflowClients } from './clients/mlflow/MlflowClients';
import { applyMigrations } from './database/applyMigrations';
import { PromotionStore } from './database/PromotionStore';
import { createRouter } from './router';
import { ModelEntities } from './services/ModelEntities/ModelEntities';
import { ModelRegistryService } from './services/ModelRegistryService/ModelRegistryService';
import { RunMetricsCache } from './services/ModelRegistryService/RunMetricsCache';
import { PromotionService } from './services/PromotionService/PromotionService';

/**
 * The MLOps Portal backend plugin (`/api/mlops`).
 *
 * @public
 */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(mlopsPermissions);
        const clients = MlflowClients.fromConfig(deps.config);
        const store = new PromotionStore(await applyMigrations(deps.database));
        const models = new ModelEntities(deps.catalog);
        const runMetrics = new RunMetricsCache();
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            registry: new ModelRegistryService(
              models,
              clients,
              store,
              runMetrics,
            ),
            promotions: new PromotionService({
              models,
              clients,
              store,
              runMetrics,
              permissions: deps.permissions,
              logger: deps.logger,
            }),
          }),
        );
      },
    });
  },
});
