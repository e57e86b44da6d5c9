export {
  createSandboxApp,
  sandboxServices,
  SANDBOX_ALIAS_FILE_PATH,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITHUB_REVIEWER_TOKEN,
  SANDBOX_GITHUB_TOKEN,
} from './createSandboxApp';
export { AliasFileCiFake } from './gitops/AliasFileCiFake';
export { GitHubFake, blobSha } from './github/GitHubFake';
export { githubRouter } from './github/githubRouter';
export { GitOpsControllerFake } from './gitops/GitOpsControllerFake';
export { argoCdRouter, SANDBOX_ARGOCD_TOKEN } from './gitops/argoCdRouter';
export { CHURN_PREDICTOR_PATH, SANDBOX_GITOPS_REPO } from './gitops/seedGitOps';
export { MlflowFake } from './mlflow/MlflowFake';
export type {
  MlflowFakeRequest,
  MlflowFakeResponse,
  VersionSeed,
} from './mlflow/MlflowFake';
export { seedMlflow } from './mlflow/seedMlflow';
export { mlflowRouter } from './mlflow/mlflowRouter';
export {
  MlflowWebhookSender,
  signMlflowWebhook,
} from './mlflow/MlflowWebhookSender';
export type {
  MlflowWebhookDelivery,
  MlflowWebhookEventName,
} from './mlflow/MlflowWebhookSender';
export { KubernetesFake } from './kubernetes/KubernetesFake';
export type {
  KubernetesObject,
  KubernetesFakeRequest,
  KubernetesFakeResponse,
  ServiceProxyRequest,
} from './kubernetes/kubernetesWire';
export { seedKubernetes } from './kubernetes/seedKubernetes';
export {
  kubernetesRouter,
  SANDBOX_KUBERNETES_TOKEN,
} from './kubernetes/kubernetesRouter';
export { SeldonTrafficSimulator } from './metrics/SeldonTrafficSimulator';
export { ServingOperatorFake } from './kubernetes/ServingOperatorFake';
export { ModelServerFake } from './kubernetes/ModelServerFake';
export type { PredictorHealth } from './metrics/SeldonTrafficSimulator';
export { PREDICTION_SHARES } from './metrics/SeldonTrafficSimulator';
export {
  DRIFT_REFERENCE_ARTIFACT,
  fraudTrainingReference,
} from './metrics/fraudTrainingReference';
export { KfpFake } from './kfp/KfpFake';
export { seedKfp, SEEDED_FRAUD_RUN_ID } from './kfp/seedKfp';
export { kfpRouter } from './kfp/kfpRouter';
export { FeastRegistryFake } from './feast/FeastRegistryFake';
export type { FeastViewSeed } from './feast/FeastRegistryFake';
export { seedFeast } from './feast/seedFeast';
export { feastRouter } from './feast/feastRouter';
export {
  ModelRegistryFake,
  toWireValue,
} from './modelRegistry/ModelRegistryFake';
export type {
  ModelRegistryFakeRequest,
  ModelRegistryVersionSeed,
} from './modelRegistry/ModelRegistryFake';
export { seedModelRegistry } from './modelRegistry/seedModelRegistry';
export { startModelRegistryStandIn } from './modelRegistry/startModelRegistryStandIn';
export {
  modelRegistryRouter,
  SANDBOX_MODEL_REGISTRY_TOKEN,
} from './modelRegistry/modelRegistryRouter';
export { crdSchemaFor } from './kubernetes/crdSchemas';
export type { CrdSchema } from './kubernetes/crdSchemas';
export { goRegExp } from './kubernetes/goRegExp';
export {
  sandboxClusterConfig,
  startKubernetesStandIn,
} from './kubernetes/startKubernetesStandIn';
export {
  localPassthrough,
  mlflowHandlers,
  MLFLOW_TEST_URL,
} from './mlflow/mlflowMsw';
export {
  PROMETHEUS_BINARY,
  sandboxRulesFile,
  startPrometheus,
  startPrometheusScraping,
} from './testing/startPrometheus';
export {
  describeRolloutClaims,
  rolloutClaimFixtures,
} from './testing/describeRolloutClaims';
export type {
  ClaimingTrafficRouter,
  RolloutClaimOwner,
  RolloutClaimStand,
  RolloutClaimSuiteOptions,
  RolloutClaimWrite,
  RolloutClaimWrites,
} from './testing/describeRolloutClaims';
