/**
 * Kinds, JSON Schemas, annotations, relations and permissions shared by the MLOps Portal plugins, and the
 * contract of the mlops backend's HTTP API: zod schemas of its requests and main responses, with their types.
 *
 * @packageDocumentation
 */
export * from './kinds/apiVersion';
export * from './kinds/ModelEntityV1alpha1';
export * from './kinds/ModelCardText';
export * from './kinds/modelMetrics';
export * from './kinds/driftRules';
export * from './kinds/PipelineEntityV1alpha1';
export * from './kinds/FeatureViewEntityV1alpha1';
export * from './relations';
export * from './annotations';
export * from './permissions';
export * from './rolloutMeasurements';
export * from './api/schemas/registrySchemas';
export * from './api/schemas/promotionSchemas';
export * from './api/schemas/rolloutSchemas';
export * from './api/schemas/rolloutRecordSchemas';
export * from './api/schemas/healthSchemas';
export * from './api/schemas/pipelineSchemas';
export * from './api/schemas/servingSchemas';
export * from './api/schemas/servingGitOpsSchemas';
export * from './api/schemas/modelCardSchemas';
export * from './api/liveUpdates';
export * from './api/mlopsEvents';
export type * from './api/healthTypes';
export type * from './api/pipelineTypes';
export type * from './api/featureViewTypes';
export * from './search/MlopsSearchDocument';
