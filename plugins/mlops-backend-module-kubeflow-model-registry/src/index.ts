/**
 * The Kubeflow Model Registry as a model registry of the MLOps Portal backend
 * (`spec.registry.provider: kubeflow-model-registry`).
 *
 * @packageDocumentation
 */
export { mlopsModuleKubeflowModelRegistry as default } from './module';
export {
  KubeflowModelRegistryClient,
  MODEL_REGISTRY_API_PATH,
} from './KubeflowModelRegistryClient';
export type { KubeflowModelRegistryClientOptions } from './KubeflowModelRegistryClient';
export { KubeflowModelRegistryClients } from './KubeflowModelRegistryClients';
export { KubeflowModelRegistryApiError } from './KubeflowModelRegistryApiError';
export {
  KubeflowModelRegistry,
  KubeflowRegistryClient,
  toRegistryModel,
  toRegistryVersion,
} from './KubeflowModelRegistry';
export { ALIAS_PROPERTY_PREFIX } from './customProperties';
export type * from './modelRegistryTypes';
