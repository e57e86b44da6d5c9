/*
 * The MLOps Portal for apps on Backstage's new frontend system (`@backstage/frontend-defaults` `createApp`): the
 * whole Model, Pipeline and FeatureView experience of the legacy EntityPage
 * (packages/app/src/components/catalog/mlopsEntityPages.tsx) as extensions, so no entity page is hand-written.
 * Tabs attach to the catalog's entity page (`page:catalog/entity`), cards to its overview
 * (`entity-content:catalog/overview`); each is filtered to the kinds it describes.
 *
 *   Extension ID                               Kind(s)                        What
 *   api:mlops                                  –                              MlopsClient (discoveryApi + fetchApi)
 *   entity-content:mlops/model-registry        Model                          tab "Registry", /registry, group development
 *   entity-content:mlops/model-deployment      Model                          tab "Deployment", /deployment, group deployment
 *   entity-content:mlops/model-monitoring      Model                          tab "Monitoring", /monitoring, group observability
 *   entity-content:mlops/pipeline-runs         Pipeline                       tab "Runs", /runs, group development
 *   entity-card:mlops/model-champion           Model                          champion and challenger, links to Registry
 *   entity-card:mlops/model-card               Model                          card text, missing sections, gates, lineage
 *   entity-card:mlops/model-overview           Model                          the Model's spec
 *   entity-card:mlops/model-health             Model                          health light, reasons, traffic per version
 *   entity-card:mlops/pipeline-overview        Pipeline                       the Pipeline's spec
 *   entity-card:mlops/feature-view-overview    FeatureView                    the FeatureView's spec
 *   entity-card:mlops/feature-view-feast       FeatureView                    the view as Feast holds it, staleness
 *   entity-card:mlops/feature-view-features    FeatureView                    features and their types
 *   entity-card:mlops/ml-lineage               Model, Pipeline, FeatureView,  feature views → pipeline → model →
 *                                              serving Component              serving
 *   search-result-list-item:mlops              search results of type mlops   MlopsSearchResultListItem
 *   search-filter-result-type:mlops            the search page's result types "ML" (type mlops)
 *
 * The groups place the tabs as the legacy page does (Overview, Registry, Deployment, Monitoring): the catalog orders
 * tab groups overview, documentation, development, deployment, operation, observability, and a group holding one
 * tab shows as that tab. Cards show in the order above; `app.extensions` in app-config disables, reorders or
 * reconfigures any of them (`path`, `title`, `group`, `filter` for tabs; `filter`, `type` for cards), see
 * plugins/mlops/README.md, "New frontend system". The test (alpha.test.tsx) holds this table to the plugin.
 *
 * At run time the components use, besides mlopsApi: alertApi, identityApi and permissionApi (frontend-defaults
 * provides them), catalogApi and the entity route (the catalog plugin provides them; its entity page is where
 * all of this shows).
 */
import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { MLOPS_SEARCH_TYPE } from '@mlops-portal/plugin-mlops-common';
import BubbleChartIcon from '@material-ui/icons/BubbleChart';
import { mlopsApiRef } from './api/MlopsApi';
import { MlopsClient } from './api/MlopsClient';
import {
  isMlopsEntity,
  isMlopsFeatureView,
  isMlopsModel,
  isMlopsPipeline,
  isMlServingComponent,
} from './entityPredicates';

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
    path: '/registry',
    title: 'Registry',
    // The versions training produced and their promotion; a group of its own keeps it a tab beside Deployment.
    group: 'development',
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelRegistryTab/ModelRegistryTab').then(m =>
        compatWrapper(<m.ModelRegistryTab />),
      ),
  },
});

const modelDeploymentContent = EntityContentBlueprint.make({
  name: 'model-deployment',
  params: {
    path: '/deployment',
    title: 'Deployment',
    group: 'deployment',
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelDeploymentTab/ModelDeploymentTab').then(m =>
        compatWrapper(<m.ModelDeploymentTab />),
      ),
  },
});

const modelMonitoringContent = EntityContentBlueprint.make({
  name: 'model-monitoring',
  params: {
    path: '/monitoring',
    title: 'Monitoring',
    group: 'observability',
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelMonitoringTab/ModelMonitoringTab').then(m =>
        compatWrapper(<m.ModelMonitoringTab />),
      ),
  },
});

const pipelineRunsContent = EntityContentBlueprint.make({
  name: 'pipeline-runs',
  params: {
    path: '/runs',
    title: 'Runs',
    // Where other plugins put CI runs.
    group: 'development',
    filter: isMlopsPipeline,
    loader: () =>
      import('./components/PipelineRunsTab/PipelineRunsTab').then(m =>
        compatWrapper(<m.PipelineRunsTab />),
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

const modelCardCard = EntityCardBlueprint.make({
  name: 'model-card',
  params: {
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelCardCard/ModelCardCard').then(m =>
        compatWrapper(<m.ModelCardCard />),
      ),
  },
});

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

const modelHealthCard = EntityCardBlueprint.make({
  name: 'model-health',
  params: {
    filter: isMlopsModel,
    loader: () =>
      import('./components/ModelHealthCard/ModelHealthCard').then(m =>
        compatWrapper(<m.ModelHealthCard />),
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

const featureViewFeastCard = EntityCardBlueprint.make({
  name: 'feature-view-feast',
  params: {
    filter: isMlopsFeatureView,
    loader: () =>
      import('./components/FeatureViewFeastCard/FeatureViewFeastCard').then(m =>
        compatWrapper(<m.FeatureViewFeastCard />),
      ),
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
    // A serving Component's page shows the lineage of the models it serves, as the legacy Component page does.
    filter: (entity: Entity) =>
      isMlopsEntity(entity) || isMlServingComponent(entity),
    type: 'content',
    loader: () =>
      import('./components/MlLineageCard/MlLineageCard').then(m =>
        compatWrapper(<m.MlLineageCard />),
      ),
  },
});

/** Results of the MLOps search collator (`@mlops-portal/plugin-search-backend-module-mlops`) on the search page. */
const searchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    predicate: result => result.type === MLOPS_SEARCH_TYPE,
    component: () =>
      import(
        './components/MlopsSearchResultListItem/MlopsSearchResultListItem'
      ).then(m => m.MlopsSearchResultListItem),
  },
});

const searchResultType = SearchFilterResultTypeBlueprint.make({
  params: { value: MLOPS_SEARCH_TYPE, name: 'ML', icon: <BubbleChartIcon /> },
});

/**
 * The MLOps Portal plugin for the new frontend system: the Model, Pipeline and FeatureView tabs and cards and the
 * mlops API. Its extensions and their IDs are listed at the top of this file and in the package README.
 *
 * @alpha
 */
const mlopsPlugin = createFrontendPlugin({
  pluginId: 'mlops',
  extensions: [
    mlopsApi,
    modelRegistryContent,
    modelDeploymentContent,
    modelMonitoringContent,
    pipelineRunsContent,
    modelChampionCard,
    modelCardCard,
    modelOverviewCard,
    modelHealthCard,
    pipelineOverviewCard,
    featureViewOverviewCard,
    featureViewFeastCard,
    featureViewFeaturesCard,
    lineageCard,
    searchResultListItem,
    searchResultType,
  ],
});

export default mlopsPlugin;
