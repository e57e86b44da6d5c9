/**
 * Frontend of the MLOps Portal: entity cards for Model, Pipeline and FeatureView, and the ML lineage card.
 *
 * @packageDocumentation
 */
export {
  mlopsPlugin,
  EntityModelOverviewCard,
  EntityPipelineOverviewCard,
  EntityFeatureViewOverviewCard,
  EntityFeatureViewFeaturesCard,
  EntityMlLineageCard,
} from './plugin';
export {
  isMlopsModel,
  isMlopsPipeline,
  isMlopsFeatureView,
  isMlopsEntity,
} from './entityPredicates';
export type { MlLineageRow } from './components/MlLineageCard/useMlLineage';
