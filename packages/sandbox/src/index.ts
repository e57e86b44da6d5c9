export { createSandboxApp, sandboxServices } from './createSandboxApp';
export { MlflowFake } from './mlflow/MlflowFake';
export type {
  MlflowFakeRequest,
  MlflowFakeResponse,
  VersionSeed,
} from './mlflow/MlflowFake';
export { seedMlflow } from './mlflow/seedMlflow';
export { mlflowRouter } from './mlflow/mlflowRouter';
