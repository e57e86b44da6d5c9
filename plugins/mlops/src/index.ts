/**
 * Frontend of the MLOps Portal: entity cards for Model, Pipeline and FeatureView, and the ML lineage card.
 *
 * @packageDocumentation
 */
export {
  mlopsPlugin,
  EntityModelOverviewCard,
  EntityModelChampionCard,
  EntityModelCardCard,
  EntityPipelineOverviewCard,
  EntityFeatureViewOverviewCard,
  EntityFeatureViewFeaturesCard,
  EntityFeatureViewFeastCard,
  EntityMlLineageCard,
  EntityModelRegistryContent,
  EntityModelDeploymentContent,
  EntityModelHealthCard,
  EntityModelMonitoringContent,
  EntityPipelineRunsContent,
  MlopsSearchResultListItem,
} from './plugin';
export { isMlopsSearchResult } from './components/MlopsSearchResultListItem/MlopsSearchResultListItem';
export type { MlopsSearchResultListItemProps } from './components/MlopsSearchResultListItem/MlopsSearchResultListItem';
export { mlopsApiRef, QualityGatesFailedError } from './api/MlopsApi';
export type {
  MlopsApi,
  PromoteRequest,
  RolloutAction,
  StartPipelineRunRequest,
  StartRolloutRequest,
} from './api/MlopsApi';
export { MlopsClient } from './api/MlopsClient';
export {
  isMlopsModel,
  isMlopsPipeline,
  isMlopsFeatureView,
  isMlopsEntity,
  isMlServingComponent,
} from './entityPredicates';
export type { MlLineageRow } from './components/MlLineageCard/useMlLineage';
export { MlRelationLabel } from './components/MlLineageCard/MlRelationLabel';
export {
  mlRelationPairs,
  mlRelationWords,
} from './components/MlLineageCard/mlRelationWords';
