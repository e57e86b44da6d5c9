/**
 * Kinds, JSON Schemas, annotations, relations and permissions shared by the MLOps Portal plugins.
 *
 * @packageDocumentation
 */
export * from './kinds/apiVersion';
export * from './kinds/ModelEntityV1alpha1';
export * from './kinds/PipelineEntityV1alpha1';
export * from './kinds/FeatureViewEntityV1alpha1';
export * from './relations';
export * from './annotations';
export * from './permissions';
export * from './rolloutMeasurements';
export type * from './api/registryTypes';
export type * from './api/rolloutTypes';
export type * from './api/healthTypes';
export type * from './api/pipelineTypes';
export type * from './api/featureViewTypes';
