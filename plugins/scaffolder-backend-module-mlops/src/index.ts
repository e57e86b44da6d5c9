/**
 * Scaffolder actions of the MLOps Portal.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMlops as default } from './module';
export { createRegistryPromoteAction } from './actions/registryPromote';
export { createCanaryStartAction } from './actions/canaryStart';
export { createRolloutStartAction } from './actions/rolloutStart';
export type { RolloutStartOptions } from './actions/rolloutStartDefinition';
export type { MlopsBackendDeps } from './actions/mlopsBackendCall';
export { createKfpRunAction } from './actions/kfpRun';
export { createRegistryCreateModelAction } from './actions/registryCreateModel';
