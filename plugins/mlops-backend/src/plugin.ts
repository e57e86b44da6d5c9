import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { mlopsPermissions } from '@mlops-portal/plugin-mlops-common';
import { createFeatureViews } from './featureViews/createFeatureViews';
import { createHealth } from './health/createHealth';
import { createModelCard } from './modelCard/createModelCard';
import { BackstageMlopsNotifier } from './notifications/BackstageMlopsNotifier';
import { ModelLiveUpdates } from './notifications/ModelLiveUpdates';
import { NotificationsBackendClient } from './notifications/NotificationsBackendClient';
import { createPipelines } from './pipelines/createPipelines';
import { createRegistry } from './registry/createRegistry';
import { createRollouts } from './rollouts/createRollouts';
import { createGitOpsServing } from './rollouts/gitops/createGitOpsServing';
import { createRouter } from './router';
import { collectExtensions } from './shared/collectExtensions';
import { applyMigrations } from './shared/database/applyMigrations';
import { ModelEntities } from './shared/ModelEntities';
import { publishingAuditor } from './shared/publishingAuditor';
import { PrometheusClients } from './shared/prometheus/PrometheusClients';

/**
 * The MLOps Portal backend plugin (`/api/mlops`). Serving platforms and model registries come from modules,
 * through `mlopsServingPlatformsExtensionPoint` and `mlopsModelRegistriesExtensionPoint`.
 *
 * @public
 */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    const extensions = collectExtensions(env);
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        signals: signalsServiceRef,
        events: eventsServiceRef,
      },
      async init({
        database,
        httpRouter,
        permissionsRegistry,
        discovery,
        signals,
        events,
        urlReader,
        ...services
      }) {
        permissionsRegistry.addPermissions(mlopsPermissions);
        // Every audited change that succeeds is also published on the `mlops` events topic.
        const core = {
          ...services,
          auditor: publishingAuditor(services.auditor, { ...services, events }),
        };
        const deps = {
          ...core,
          knex: await applyMigrations(database),
          models: new ModelEntities(core.catalog),
          prometheus: PrometheusClients.fromConfig(core.config),
          notifier: new BackstageMlopsNotifier({
            ...core,
            notifications: new NotificationsBackendClient({
              discovery,
              auth: core.auth,
            }),
          }),
          liveUpdates: new ModelLiveUpdates({ ...core, signals }),
          ...extensions(),
        };
        const featureViews = await createFeatureViews(deps);
        const health = await createHealth({ ...deps, ...featureViews });
        const registry = await createRegistry({ ...deps, ...health, events });
        const rollouts = await createRollouts({ ...deps, ...registry });
        httpRouter.use(
          await createRouter({
            ...deps,
            ...health,
            ...registry,
            ...rollouts,
            ...createGitOpsServing({ ...deps, ...rollouts }),
            ...createPipelines(deps),
            ...featureViews,
            ...createModelCard({ ...deps, urlReader }),
          }),
        );
      },
    });
  },
});
