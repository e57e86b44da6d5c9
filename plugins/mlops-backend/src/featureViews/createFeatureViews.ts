import { FeastClients } from '@mlops-portal/plugin-mlops-node';
import { PluginDeps } from '../shared/PluginDeps';
import { FeatureViewStatusService } from './FeatureViewStatusService';

/** The feature views capability: a FeatureView's freshness from Feast (`mlops.feast.instances`). */
export function createFeatureViews(deps: PluginDeps) {
  return {
    featureViews: new FeatureViewStatusService({
      ...deps,
      feast: FeastClients.fromConfig(deps.config),
    }),
  };
}
