import { FeastClients } from '@mlops-portal/plugin-mlops-node';
import { MlopsNotifier } from '../notifications/MlopsNotifier';
import { PluginDeps } from '../shared/PluginDeps';
import { FeatureViewStalenessWatch } from './FeatureViewStalenessWatch';
import { FeatureViewStatusService } from './FeatureViewStatusService';
import { StaleEpisodeStore } from './StaleEpisodeStore';

/**
 * The feature views capability: a FeatureView's freshness from Feast (`mlops.feast.instances`), and, when Feast
 * is configured, a check every `mlops.featureViews.stalenessCheckMinutes` (default 5) that notifies the owners
 * once per staleness episode.
 */
export async function createFeatureViews(
  deps: PluginDeps & { notifier: MlopsNotifier },
) {
  const feast = FeastClients.fromConfig(deps.config);
  const featureViews = new FeatureViewStatusService({ ...deps, feast });
  if (feast.all.length > 0) {
    const watch = new FeatureViewStalenessWatch({
      ...deps,
      featureViews,
      episodes: new StaleEpisodeStore(deps.knex),
    });
    await deps.scheduler.scheduleTask({
      id: 'mlops-feature-view-staleness',
      frequency: {
        minutes:
          deps.config.getOptionalNumber(
            'mlops.featureViews.stalenessCheckMinutes',
          ) ?? 5,
      },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
      fn: () => watch.checkAll(),
    });
  }
  return { featureViews };
}
