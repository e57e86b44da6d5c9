/**
 * Scaffolder actions of the MLOps Portal.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMlops as default } from './module';
export { createRegistryPromoteAction } from './actions/registryPromote';
export {
  createCanaryStartAction,
  createRolloutStartAction,
} from './actions/canaryStart';
export { createKfpRunAction } from './actions/kfpRun';
export { createRegistryCreateModelAction } from './actions/registryCreateModel';
