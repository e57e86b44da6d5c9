import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { MLOPS_SEARCH_TYPE } from '@mlops-portal/plugin-mlops-common';
import { mlopsApiRef } from './api/MlopsApi';
import { MlopsClient } from './api/MlopsClient';

/**
 * The MLOps Portal frontend plugin.
 *
 * @public
 */
export const mlopsPlugin = createPlugin({
  id: 'mlops',
  apis: [
    createApiFactory({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new MlopsClient(deps),
    }),
  ],
});

/**
 * Card: a Model's spec at a glance. Use on the overview of a Model's EntityPage.
 *
 * @public
 */
export const EntityModelOverviewCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelOverviewCard',
    component: {
      lazy: () =>
        import('./components/ModelOverviewCard/ModelOverviewCard').then(
          m => m.ModelOverviewCard,
        ),
    },
  }),
);

/**
 * Card: which version is champion, since when, its key metrics and the challenger's, linking to the Registry tab.
 * Use on the overview of a Model's EntityPage.
 *
 * @public
 */
export const EntityModelChampionCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelChampionCard',
    component: {
      lazy: () =>
        import('./components/ModelChampionCard/ModelChampionCard').then(
          m => m.ModelChampionCard,
        ),
    },
  }),
);

/**
 * Card: the Model's card: its written sections (from a `MODEL_CARD.md` beside catalog-info.yaml, or
 * `spec.modelCard`), what is not written yet, and the facts the portal reads (metrics against the gates, per
 * slice, data lineage, owners).
 *
 * @public
 */
export const EntityModelCardCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelCardCard',
    component: {
      lazy: () =>
        import('./components/ModelCardCard/ModelCardCard').then(
          m => m.ModelCardCard,
        ),
    },
  }),
);

/**
 * Card: a Pipeline's spec at a glance.
 *
 * @public
 */
export const EntityPipelineOverviewCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityPipelineOverviewCard',
    component: {
      lazy: () =>
        import('./components/PipelineOverviewCard/PipelineOverviewCard').then(
          m => m.PipelineOverviewCard,
        ),
    },
  }),
);

/**
 * Card: a FeatureView's spec at a glance.
 *
 * @public
 */
export const EntityFeatureViewOverviewCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityFeatureViewOverviewCard',
    component: {
      lazy: () =>
        import(
          './components/FeatureViewOverviewCard/FeatureViewOverviewCard'
        ).then(m => m.FeatureViewOverviewCard),
    },
  }),
);

/**
 * Card: the features of a FeatureView with their types.
 *
 * @public
 */
export const EntityFeatureViewFeaturesCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityFeatureViewFeaturesCard',
    component: {
      lazy: () =>
        import(
          './components/FeatureViewOverviewCard/FeatureViewFeaturesCard'
        ).then(m => m.FeatureViewFeaturesCard),
    },
  }),
);

/**
 * Card: feature views → pipeline → model → serving component, for a Model, Pipeline or FeatureView.
 *
 * @public
 */
export const EntityMlLineageCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlLineageCard',
    component: {
      lazy: () =>
        import('./components/MlLineageCard/MlLineageCard').then(
          m => m.MlLineageCard,
        ),
    },
  }),
);

/**
 * Tab content: a Model's registry versions and aliases, promotion and rollback, approvals and history.
 * Use as an `EntityLayout.Route` on the Model page.
 *
 * @public
 */
export const EntityModelRegistryContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelRegistryContent',
    component: {
      lazy: () =>
        import('./components/ModelRegistryTab/ModelRegistryTab').then(
          m => m.ModelRegistryTab,
        ),
    },
  }),
);

/**
 * Tab content: a Model's canary rollouts (steps, measurements, controls) and a button to roll out the
 * challenger. Use as an `EntityLayout.Route` on the Model page.
 *
 * @public
 */
export const EntityModelDeploymentContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelDeploymentContent',
    component: {
      lazy: () =>
        import('./components/ModelDeploymentTab/ModelDeploymentTab').then(
          m => m.ModelDeploymentTab,
        ),
    },
  }),
);

/**
 * Card: a Model's health at a glance (status light, reasons, traffic per served version), for its overview.
 *
 * @public
 */
export const EntityModelHealthCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHealthCard',
    component: {
      lazy: () =>
        import('./components/ModelHealthCard/ModelHealthCard').then(
          m => m.ModelHealthCard,
        ),
    },
  }),
);

/**
 * Card for a FeatureView overview: the view as Feast's registry holds it now, with a staleness warning when the
 * last materialization is older than its TTL.
 *
 * @public
 */
export const EntityFeatureViewFeastCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityFeatureViewFeastCard',
    component: {
      lazy: () =>
        import('./components/FeatureViewFeastCard/FeatureViewFeastCard').then(
          m => m.FeatureViewFeastCard,
        ),
    },
  }),
);

/**
 * Tab content: a Model's monitoring (status, charts per version, alerts, per-feature drift). Use as an
 * `EntityLayout.Route` on the Model page.
 *
 * @public
 */
export const EntityModelMonitoringContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelMonitoringContent',
    component: {
      lazy: () =>
        import('./components/ModelMonitoringTab/ModelMonitoringTab').then(
          m => m.ModelMonitoringTab,
        ),
    },
  }),
);

/**
 * Tab content: a Pipeline's Kubeflow runs and recurring runs, and "Run pipeline" with its parameters. Use as an
 * `EntityLayout.Route` on the Pipeline page.
 *
 * @public
 */
export const EntityPipelineRunsContent = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityPipelineRunsContent',
    component: {
      lazy: () =>
        import('./components/PipelineRunsTab/PipelineRunsTab').then(
          m => m.PipelineRunsTab,
        ),
    },
  }),
);

/**
 * Search result item for documents of type `mlops` (`@mlops-portal/plugin-search-backend-module-mlops`): a Model
 * with its champion, challenger, key metrics and health, a FeatureView with its features, or a Pipeline. Put it
 * inside `SearchResult` on the search page; it renders only `mlops` results.
 *
 * @public
 */
export const MlopsSearchResultListItem = mlopsPlugin.provide(
  createSearchResultListItemExtension({
    name: 'MlopsSearchResultListItem',
    component: () =>
      import(
        './components/MlopsSearchResultListItem/MlopsSearchResultListItem'
      ).then(m => m.MlopsSearchResultListItem),
    predicate: result => result.type === MLOPS_SEARCH_TYPE,
  }),
);
