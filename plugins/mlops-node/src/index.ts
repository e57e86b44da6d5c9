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
export { UpstreamApiError } from './UpstreamApiError';
export {
  mlopsModelRegistriesExtensionPoint,
  mlopsServingPlatformsExtensionPoint,
} from './extensionPoints';
export type {
  MlopsModelRegistriesExtensionPoint,
  MlopsServingPlatformsExtensionPoint,
} from './extensionPoints';
export type {
  ModelRegistry,
  ModelRegistryClient,
  RegistryModel,
  RegistryModelVersion,
} from './registry/ModelRegistry';
export { MODEL_REGISTRY_EVENTS_TOPIC } from './registry/ModelRegistryEvent';
export type { ModelRegistryEvent } from './registry/ModelRegistryEvent';
export type {
  MetricPredictors,
  ServingHealthQueries,
  ServingPlatform,
} from './serving/ServingPlatform';
export type { AnalysisMetric, Condition } from './serving/analysisMetric';
export { CANARY_VERSION_KEY, MODEL_VERSION_KEY } from './serving/TrafficRouter';
export {
  claimAnnotations,
  formatClaim,
  parseClaim,
  releaseExpectedClaim,
  ROLLOUT_CLAIM_KEY,
  sameClaim,
} from './serving/RolloutClaim';
export type { ClaimedWrite, RolloutClaim } from './serving/RolloutClaim';
export type {
  Readiness,
  ServedModelUris,
  ServedVersion,
  ServingManifest,
  ServingTarget,
  ManifestSplitReader,
  TrafficRouter,
  TrafficSplit,
} from './serving/TrafficRouter';
export { CustomObjectResource } from './serving/CustomObjectResource';
export type { Versioned } from './serving/CustomObjectResource';
export { replaceWithRetry } from './serving/replaceWithRetry';
export { KubernetesClusters } from './kubernetes/KubernetesClusters';
export type { ServiceAnswer, ServiceRequest } from './kubernetes/serviceProxy';
export { forEachConcurrently } from './forEachConcurrently';
export { createServingPlatformModule } from './serving/createServingPlatformModule';
export {
  TrafficWriteUnconfirmedError,
  unconfirmedWriteError,
} from './serving/TrafficWriteUnconfirmedError';
export { editManifest } from './gitops/editManifest';
export { editAliasFile } from './gitops/editAliasFile';
export type { AliasFileEntry } from './gitops/editAliasFile';
export type { ManifestEdit, ManifestObjectRef } from './gitops/editManifest';
export { GitManifest } from './gitops/GitManifest';
export type { GitChangeMade } from './gitops/GitManifest';
export { GitConflictError } from './gitops/GitRepository';
export type {
  GitCommit,
  GitCommitSummary,
  GitFile,
  GitPullRequest,
  GitRepository,
} from './gitops/GitRepository';
export { GitHubApiError, GitHubRepository } from './gitops/GitHubRepository';
export { GitRepositories } from './gitops/GitRepositories';
