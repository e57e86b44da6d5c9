import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlopsPermissions } from '@mlops-portal/plugin-mlops-common';
import { FeastClients, KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { KubernetesClusters } from './shared/kubernetes/KubernetesClusters';
import { MlflowClients } from './shared/mlflow/MlflowClients';
import { PrometheusClients } from './shared/prometheus/PrometheusClients';
import { applyMigrations } from './shared/database/applyMigrations';
import { PromotionStore } from './registry/PromotionStore';
import { RolloutStore } from './rollouts/RolloutStore';
import { DriftReferenceStore } from './health/drift/DriftReferenceStore';
import { RetrainingStore } from './health/retraining/RetrainingStore';
import { createRouter } from './router';
import { captureOnChampion } from './health/drift/captureOnChampion';
import { DriftService } from './health/drift/DriftService';
import { CachedPrometheus } from './shared/prometheus/CachedPrometheus';
import { readHealthThresholds } from './health/healthStatus';
import { ModelHealthService } from './health/ModelHealthService';
import { readHealthQueries } from './health/queryTemplates';
import { ModelEntities } from './shared/ModelEntities';
import { ModelRegistryService } from './registry/ModelRegistryService';
import { RunMetricsCache } from './registry/RunMetricsCache';
import { ApprovalService } from './registry/ApprovalService';
import { PromotionService } from './registry/PromotionService';
import { RolloutEngine } from './rollouts/RolloutEngine';
import { PipelineRunsService } from './pipelines/PipelineRunsService';
import { FeatureViewStatusService } from './featureViews/FeatureViewStatusService';
import { RegisteredModelService } from './registry/RegisteredModelService';
import { RetrainingService } from './health/retraining/RetrainingService';
import { rolloutModelInfo } from './rollouts/rolloutModelInfo';
import { RolloutService } from './rollouts/RolloutService';
import { KServeTrafficRouter } from './shared/serving/KServeTrafficRouter';
import { SeldonV1TrafficRouter } from './shared/serving/SeldonV1TrafficRouter';

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
