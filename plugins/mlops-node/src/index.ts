/**
 * Node.js library of the MLOps Portal: the typed upstream clients that its backend plugin and its catalog module
 * share, starting with Kubeflow Pipelines (api-contracts §3).
 *
 * @packageDocumentation
 */
export { KubeflowClient } from './kubeflow/KubeflowClient';
export type { KubeflowClientOptions } from './kubeflow/KubeflowClient';
export { KubeflowClients } from './kubeflow/KubeflowClients';
export { KubeflowApiError } from './kubeflow/KubeflowApiError';
export type * from './kubeflow/kubeflowTypes';
export { NamedInstances } from './NamedInstances';
export { fetchUpstream, UpstreamUnreachable } from './fetchUpstream';
