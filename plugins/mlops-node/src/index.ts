/**
 * Node.js library of the MLOps Portal: the typed upstream clients that its backend plugin and its catalog module
 * share: Kubeflow Pipelines (api-contracts §3) and Feast's REST registry (§5.5).
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
export { FeastClient } from './feast/FeastClient';
export type { FeastClientOptions } from './feast/FeastClient';
export { FeastClients } from './feast/FeastClients';
export { FeastApiError } from './feast/FeastApiError';
export type * from './feast/feastTypes';
export {
  durationSeconds,
  freshnessOf,
  isoDuration,
  lastMaterializedAt,
  sourceOf,
} from './feast/feastViewFacts';
export { upstreamJson } from './upstreamJson';
export type { UpstreamFailure } from './upstreamJson';
