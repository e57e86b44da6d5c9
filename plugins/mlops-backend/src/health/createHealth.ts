import { KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { MlopsNotifier } from '../notifications/MlopsNotifier';
import { PluginDeps } from '../shared/PluginDeps';
import { CachedPrometheus } from '../shared/prometheus/CachedPrometheus';
import { PromotionStore } from '../registry/PromotionStore';
import { ChampionLookup } from './drift/ChampionLookup';
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
 * on drift, checked every `mlops.retraining.checkMinutes` (default 5). Drift's reference follows the champion:
 * its training run's distributions from the registry, else the window after its promotion from the history
 * (see DriftService). `featureViews` (the feature views capability's
 * status service) lets health count stale inputs.
 */
export async function createHealth(
  deps: PluginDeps & {
    featureViews?: FeatureViewFreshnessReader;
    notifier: MlopsNotifier;
  },
) {
  const { config } = deps;
  const queryOverrides = readHealthQueries(config);
  const cacheSeconds =
    config.getOptionalNumber('mlops.health.cacheSeconds') ?? 15;
  const cachedPrometheus = new CachedPrometheus(deps.cache, cacheSeconds);
  const drift = new DriftService({
    prometheus: cachedPrometheus,
    queries: healthQueriesFor(undefined, queryOverrides),
    references: new DriftReferenceStore(deps.knex),
    window: config.getOptionalString('mlops.health.driftWindow') ?? '1h',
    champions: new ChampionLookup({
      registries: deps.registries,
      history: new PromotionStore(deps.knex),
      cache: deps.cache,
      ttlSeconds: cacheSeconds,
    }),
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
  };
}
