import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { MODEL_REGISTRY_EVENTS_TOPIC } from '@mlops-portal/plugin-mlops-node';
import {
  MLFLOW_DELIVERY_ID_HEADER,
  MLFLOW_TIMESTAMP_HEADER,
  MlflowWebhookVerifier,
} from './MlflowWebhookVerifier';
import { toModelRegistryEvent } from './toModelRegistryEvent';
import { DatabaseWebhookDeliveryLedger } from './WebhookDeliveryLedger';

/** The events backend topic (and so the ingress path `/api/events/http/<topic>`) of an MLflow instance's webhooks. */
export const mlflowWebhookTopic = (instance: string) => `mlflow.${instance}`;

const header = (value: unknown) =>
  Array.isArray(value) ? String(value[0]) : String(value ?? '');

/**
 * Receives MLflow's webhooks through the events backend's HTTP ingress: for each instance under
 * `mlops.mlflow.instances` with a `webhookSecret`, `POST /api/events/http/mlflow.<name>` accepts deliveries the
 * {@link MlflowWebhookVerifier} accepts and refuses every other request with 401 (nothing is published). Accepted
 * deliveries of the events the portal acts on are republished, in the portal's words, on topic `mlops.registry`
 * (`ModelRegistryEvent`), which the mlops backend subscribes to. Delivery ids are kept in the events plugin's
 * database, so a delivery replayed to another replica is refused too. Instances without a secret get no ingress:
 * the portal keeps reading MLflow as it does without webhooks.
 *
 * @public
 */
export const eventsModuleMlflowWebhooks = createBackendModule({
  pluginId: 'events',
  moduleId: 'mlflow-webhooks',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        events: eventsServiceRef,
        ingress: eventsExtensionPoint,
      },
      async init({ config, database, logger, events, ingress }) {
        const maxAgeSeconds = config.getOptionalNumber(
          'mlops.mlflow.webhookMaxAgeSeconds',
        );
        const instances = (
          config.getOptionalConfigArray('mlops.mlflow.instances') ?? []
        ).flatMap(instance => {
          const secret = instance.getOptionalString('webhookSecret');
          return secret ? [{ name: instance.getString('name'), secret }] : [];
        });
        if (instances.length === 0) {
          return;
        }
        const ledger = await DatabaseWebhookDeliveryLedger.create(database);
        const instanceByTopic = new Map<string, string>();
        for (const { name, secret } of instances) {
          const topic = mlflowWebhookTopic(name);
          instanceByTopic.set(topic, name);
          const verifier = new MlflowWebhookVerifier({
            instance: name,
            secret,
            ledger,
            maxAgeSeconds,
          });
          ingress.addHttpPostIngress({
            topic,
            validator: async (request, context) => {
              const verdict = await verifier.verify({
                rawBody: request.raw.body,
                headers: request.headers,
              });
              if (!verdict.accepted) {
                logger.warn(
                  `Refused an MLflow webhook for instance '${name}': ${verdict.reason}`,
                );
                context.reject({
                  status: 401,
                  payload: {
                    error: {
                      name: 'AuthenticationError',
                      message: verdict.reason,
                    },
                  },
                });
              }
            },
          });
          logger.info(
            `MLflow instance '${name}' webhooks: POST /api/events/http/${topic}`,
          );
        }
        await events.subscribe({
          id: 'mlflow-webhooks',
          topics: [...instanceByTopic.keys()],
          onEvent: async ({ topic, eventPayload, metadata }) => {
            const instance = instanceByTopic.get(topic)!;
            const event = toModelRegistryEvent(instance, eventPayload, {
              deliveryId: header(metadata?.[MLFLOW_DELIVERY_ID_HEADER]),
              sentAt: new Date(
                Number(header(metadata?.[MLFLOW_TIMESTAMP_HEADER])) * 1000,
              ),
            });
            if (event) {
              await events.publish({
                topic: MODEL_REGISTRY_EVENTS_TOPIC,
                eventPayload: event,
              });
            }
          },
        });
      },
    });
  },
});
