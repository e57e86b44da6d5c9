import { KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { PluginDeps } from '../shared/PluginDeps';
import { CachedPrometheus } from '../shared/prometheus/CachedPrometheus';
import { captureOnChampion } from './drift/captureOnChampion';
import { DriftReferenceStore } from './drift/DriftReferenceStore';
import { DriftService } from './drift/DriftService';
import { readHealthThresholds } from './healthStatus';
import { FeatureViewFreshnessReader } from './inputFreshness';
import { ModelHealthService } from './ModelHealthService';
import { healthQueriesFor, readHealthQueries } from './queryTemplates';
import { RetrainingService } from './retraining/RetrainingService';
import { RetrainingStore } from './retraining/RetrainingStore';

/**
 * The health capability: a Model's traffic, errors, latency, alerts and drift (`mlops.health.*`), and retraining
 * on drift, checked every `mlops.retraining.checkMinutes` (default 5). `onAliasMoved` re-bases the drift
 * reference when a version becomes champion, by whatever path. `featureViews` (the feature views capability's
 * status service) lets health count stale inputs.
 */
export async function createHealth(
  deps: PluginDeps & { featureViews?: FeatureViewFreshnessReader },
) {
  const { config } = deps;
  const queryOverrides = readHealthQueries(config);
  const cachedPrometheus = new CachedPrometheus(
    deps.cache,
    config.getOptionalNumber('mlops.health.cacheSeconds') ?? 15,
  );
  const drift = new DriftService({
    prometheus: cachedPrometheus,
    queries: healthQueriesFor(undefined, queryOverrides),
    references: new DriftReferenceStore(deps.knex),
    window: config.getOptionalString('mlops.health.driftWindow') ?? '1h',
  });
  const retraining = new RetrainingService({
    ...deps,
    kubeflow: KubeflowClients.fromConfig(config),
    drift,
    store: new RetrainingStore(deps.knex),
  });
  await deps.scheduler.scheduleTask({
    id: 'mlops-drift-retraining',
    frequency: {
      minutes: config.getOptionalNumber('mlops.retraining.checkMinutes') ?? 5,
    },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: () => retraining.checkAll(),
  });
  return {
    health: new ModelHealthService({
      models: deps.models,
      clients: deps.prometheus,
      prometheus: cachedPrometheus,
      queryOverrides,
      drift,
      featureViews: deps.featureViews,
      platforms: deps.platforms,
      thresholds: readHealthThresholds(config),
      window: config.getOptionalString('mlops.health.window') ?? '5m',
    }),
    retraining,
    onAliasMoved: captureOnChampion({ ...deps, drift }),
  };
}
