/**
 * MLflow as a model registry of the MLOps Portal backend (`spec.registry.provider: mlflow`).
 *
 * @packageDocumentation
 */
export { mlopsModuleMlflow as default } from './module';
export { MlflowClient } from './MlflowClient';
export type { MlflowClientOptions } from './MlflowClient';
export { MlflowClients } from './MlflowClients';
export { MlflowApiError } from './MlflowApiError';
export {
  MlflowModelRegistry,
  MlflowRegistryClient,
  toRegistryModel,
  toRegistryVersion,
} from './MlflowModelRegistry';
export type * from './mlflowTypes';
export type { RunMetricsCache } from './RunMetricsCache';
export { eventsModuleMlflowWebhooks } from './webhooks/eventsModuleMlflowWebhooks';
export { MlflowWebhookVerifier } from './webhooks/MlflowWebhookVerifier';
export type { WebhookVerdict } from './webhooks/MlflowWebhookVerifier';
export { DatabaseWebhookDeliveryLedger } from './webhooks/WebhookDeliveryLedger';
export type { WebhookDeliveryLedger } from './webhooks/WebhookDeliveryLedger';
export { toModelRegistryEvent } from './webhooks/toModelRegistryEvent';
