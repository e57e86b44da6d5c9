/**
 * Catalog backend module for the MLOps Portal: the Model, Pipeline and FeatureView kinds and their relations.
 *
 * @packageDocumentation
 */
export { catalogModuleMlopsEntityModel as default } from './module';
export { MlopsEntitiesProcessor } from './processors/MlopsEntitiesProcessor';
