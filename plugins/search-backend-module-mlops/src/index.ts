/**
 * Backstage search collator for the MLOps Portal's Models, Pipelines and FeatureViews.
 *
 * @packageDocumentation
 */
export { searchModuleMlopsCollator as default } from './module';
export { MlopsCollatorFactory } from './MlopsCollatorFactory';
export { MlopsFactsClient } from './MlopsFactsClient';
