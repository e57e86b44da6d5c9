import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlopsPermissions } from '@mlops-portal/plugin-mlops-common';
import { FeastClients, KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { KubernetesClusters } from './clients/kubernetes/KubernetesClusters';
import { MlflowClients } from './clients/mlflow/MlflowClients';
import { PrometheusClients } from './clients/prometheus/PrometheusClients';
import { applyMigrations } from './database/applyMigrations';
import { PromotionStore } from './database/PromotionStore';
import { RolloutStore } from './database/RolloutStore';
import { DriftReferenceStore } from './database/DriftReferenceStore';
import { RetrainingStore } from './database/RetrainingStore';
import { createRouter } from './router';
import { captureOnChampion } from './services/Drift/captureOnChampion';
import { DriftService } from './services/Drift/DriftService';
import { CachedPrometheus } from './services/Health/CachedPrometheus';
import { readHealthThresholds } from './services/Health/healthStatus';
import { ModelHealthService } from './services/Health/ModelHealthService';
import { readHealthQueries } from './services/Health/queryTemplates';
import { ModelEntities } from './services/ModelEntities/ModelEntities';
import { ModelRegistryService } from './services/ModelRegistryService/ModelRegistryService';
import { RunMetricsCache } from './services/ModelRegistryService/RunMetricsCache';
import { ApprovalService } from './services/PromotionService/ApprovalService';
import { PromotionService } from './services/PromotionService/PromotionService';
import { RolloutEngine } from './services/Rollouts/RolloutEngine';
import { PipelineRunsService } from './services/PipelineRuns/PipelineRunsService';
import { FeatureViewStatusService } from './services/FeatureViews/FeatureViewStatusService';
import { RegisteredModelService } from './services/RegisteredModels/RegisteredModelService';
import { RetrainingService } from './services/Retraining/RetrainingService';
import { rolloutModelInfo } from './services/Rollouts/rolloutModelInfo';
import { RolloutService } from './services/Rollouts/RolloutService';
import { KServeTrafficRouter } from './services/TrafficRouting/KServeTrafficRouter';
import { SeldonV1TrafficRouter } from './services/TrafficRouting/SeldonV1TrafficRouter';

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
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(mlopsPermissions);
        const clients = MlflowClients.fromConfig(deps.config);
        const clusters = KubernetesClusters.fromConfig(deps.config);
        const prometheus = PrometheusClients.fromConfig(deps.config);
        const knex = await applyMigrations(deps.database);
        const seldonRouter = new SeldonV1TrafficRouter(clusters);
        const kserveRouter = new KServeTrafficRouter(clusters);
        const queries = readHealthQueries(deps.config);
        const cachedPrometheus = new CachedPrometheus(
          deps.cache,
          deps.config.getOptionalNumber('mlops.health.cacheSeconds') ?? 15,
        );
        const healthWindow =
          deps.config.getOptionalString('mlops.health.window') ?? '5m';
        const driftWindow =
          deps.config.getOptionalString('mlops.health.driftWindow') ?? '1h';
        const store = new PromotionStore(knex);
        const rolloutStore = new RolloutStore(knex);
        const models = new ModelEntities(deps.catalog);
        const runMetrics = new RunMetricsCache();
        const drift = new DriftService({
          prometheus: cachedPrometheus,
          queries,
          references: new DriftReferenceStore(knex),
          window: driftWindow,
        });
        // A champion move by any path (promotion, approval, rollout) re-bases the drift reference.
        const onAliasMoved = captureOnChampion({
          catalog: deps.catalog,
          auth: deps.auth,
          prometheus,
          drift,
        });
        const promotions = new PromotionService({
          models,
          clients,
          store,
          runMetrics,
          permissions: deps.permissions,
          logger: deps.logger,
          onAliasMoved,
        });
        const approvals = new ApprovalService({
          models,
          clients,
          store,
          permissions: deps.permissions,
          logger: deps.logger,
          onAliasMoved,
        });
        const engine = new RolloutEngine({
          store: rolloutStore,
          routers: {
            seldon: seldonRouter,
            kserve: kserveRouter,
          },
          promotions,
          modelInfo: rolloutModelInfo(deps.catalog, deps.auth, prometheus),
          logger: deps.logger,
        });
        // The scheduler runs one tick at a time across all backend replicas sharing the database; each save is
        // also conditional on the state read, so a late tick cannot undo a person's pause or abort.
        const kubeflow = KubeflowClients.fromConfig(deps.config);
        const retraining = new RetrainingService({
          catalog: deps.catalog,
          auth: deps.auth,
          models,
          kubeflow,
          prometheus,
          drift,
          store: new RetrainingStore(knex),
          auditor: deps.auditor,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: 'mlops-drift-retraining',
          frequency: {
            minutes:
              deps.config.getOptionalNumber('mlops.retraining.checkMinutes') ??
              5,
          },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: () => retraining.checkAll(),
        });
        await deps.scheduler.scheduleTask({
          id: 'mlops-rollout-engine',
          frequency: { seconds: 5 },
          timeout: { minutes: 2 },
          fn: () => engine.tick(),
        });
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
            promotions,
            approvals,
            health: new ModelHealthService({
              models,
              clients: prometheus,
              prometheus: cachedPrometheus,
              queries,
              drift,
              routers: { seldon: seldonRouter, kserve: kserveRouter },
              thresholds: readHealthThresholds(deps.config),
              window: healthWindow,
            }),
            retraining,
            registeredModels: new RegisteredModelService({
              mlflow: clients,
              permissions: deps.permissions,
            }),
            featureViews: new FeatureViewStatusService({
              catalog: deps.catalog,
              feast: FeastClients.fromConfig(deps.config),
            }),
            pipelines: new PipelineRunsService({
              catalog: deps.catalog,
              kubeflow,
              mlflow: clients,
              permissions: deps.permissions,
              uiUrls: Object.fromEntries(
                (
                  deps.config.getOptionalConfigArray(
                    'mlops.kubeflow.instances',
                  ) ?? []
                ).flatMap(i =>
                  i.getOptionalString('uiUrl')
                    ? [[i.getString('name'), i.getString('uiUrl')]]
                    : [],
                ),
              ),
            }),
            rollouts: new RolloutService({
              models,
              clients,
              store: rolloutStore,
              engine,
              permissions: deps.permissions,
              runMetrics,
            }),
          }),
        );
      },
    });
  },
});
