/**
 * The `EventsService` topic on which registry modules publish what their registries reported by themselves
 * (webhooks), already verified and in the portal's words; the mlops backend subscribes to it.
 *
 * @public
 */
export const MODEL_REGISTRY_EVENTS_TOPIC = 'mlops.registry';

/**
 * Something a model registry reported about one registered model, as a registry module publishes it on
 * {@link MODEL_REGISTRY_EVENTS_TOPIC}. Modules publish only what they have verified came from the registry.
 *
 * @public
 */
export type ModelRegistryEvent = {
  /** The registry's `spec.registry.provider`, e.g. `mlflow`. */
  provider: string;
  /** The configured instance that sent it. */
  instance: string;
  /** The registered model it is about. */
  registeredModel: string;
  /** When the registry sent it (ISO 8601), by the registry's own clock. */
  sentAt: string;
  /** The registry's id of the delivery, for logs. */
  deliveryId: string;
} & (
  | {
      type: 'version.created';
      version: string;
      runId?: string;
      tags: Record<string, string>;
    }
  | { type: 'version.tagged'; version: string; key: string; value: string }
  | { type: 'alias.set'; alias: string; version: string }
  | { type: 'alias.deleted'; alias: string }
);
