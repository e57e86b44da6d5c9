import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  FrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { mlopsApiRef } from './api/MlopsApi';
import { MlopsClient } from './api/MlopsClient';
import {
  isMlopsEntity,
  isMlopsFeatureView,
  isMlopsModel,
  isMlopsPipeline,
} from './entityPredicates';

/*
 * The same cards for apps on Backstage's new frontend system. They attach to the catalog's entity overview and
 * show only on the kinds they describe.
 */

const modelOverviewCard = EntityCardBlueprint.make({
  name: 'model-overview',
  params: {
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelOverviewCard/ModelOverviewCard').then(m =>
        compatWrapper(<m.ModelOverviewCard />),
      ),
  },
});

const modelChampionCard = EntityCardBlueprint.make({
  name: 'model-champion',
  params: {
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelChampionCard/ModelChampionCard').then(m =>
        compatWrapper(<m.ModelChampionCard />),
      ),
  },
});

const pipelineOverviewCard = EntityCardBlueprint.make({
  name: 'pipeline-overview',
  params: {
    filter: isMlopsPipeline,
    loader: () =>
      import('./components/PipelineOverviewCard/PipelineOverviewCard').then(m =>
        compatWrapper(<m.PipelineOverviewCard />),
      ),
  },
});

const featureViewOverviewCard = EntityCardBlueprint.make({
  name: 'feature-view-overview',
  params: {
    filter: isMlopsFeatureView,
    loader: () =>
      import(
        './components/FeatureViewOverviewCard/FeatureViewOverviewCard'
      ).then(m => compatWrapper(<m.FeatureViewOverviewCard />)),
  },
});

const featureViewFeaturesCard = EntityCardBlueprint.make({
  name: 'feature-view-features',
  params: {
    filter: isMlopsFeatureView,
    type: 'content',
    loader: () =>
      import(
        './components/FeatureViewOverviewCard/FeatureViewFeaturesCard'
      ).then(m => compatWrapper(<m.FeatureViewFeaturesCard />)),
  },
});

const lineageCard = EntityCardBlueprint.make({
  name: 'ml-lineage',
  params: {
    filter: isMlopsEntity,
    type: 'content',
    loader: () =>
      import('./components/MlLineageCard/MlLineageCard').then(m =>
        compatWrapper(<m.MlLineageCard />),
      ),
  },
});

const mlopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlopsClient(deps),
    }),
});

const modelRegistryContent = EntityContentBlueprint.make({
  name: 'model-registry',
  params: {
    path: 'registry',
    title: 'Registry',
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelRegistryTab/ModelRegistryTab').then(m =>
        compatWrapper(<m.ModelRegistryTab />),
      ),
  },
});

/**
 * The MLOps Portal plugin for the new frontend system.
 *
 * @alpha
 */
const mlopsPlugin: FrontendPlugin = createFrontendPlugin({
  pluginId: 'mlops',
  extensions: [
    mlopsApi,
    modelRegistryContent,
    modelOverviewCard,
    modelChampionCard,
    pipelineOverviewCard,
    featureViewOverviewCard,
    featureViewFeaturesCard,
    lineageCard,
  ],
});

export default mlopsPlugin;
