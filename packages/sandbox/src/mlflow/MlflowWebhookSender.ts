/*
 * DEMO STAND-IN: the webhooks of the sandbox's MLflow, as open-source MLflow 3.3+ sends them
 * (`mlflow/webhooks/delivery.py`): registered through the webhook REST API (`POST/GET /api/2.0/mlflow/webhooks`,
 * `DELETE /api/2.0/mlflow/webhooks/{webhook_id}`), delivered as `POST <url>` with the body
 * `{entity, action, timestamp, data}` and the headers `X-MLflow-Delivery-Id` (a UUID), `X-MLflow-Timestamp`
 * (Unix seconds) and, when the webhook has a secret, `X-MLflow-Signature: v1,<base64 HMAC-SHA256 of
 * "<delivery id>.<timestamp>.<body>">`. Unlike MLflow it does not retry a failed delivery.
 */
import express, { Router } from 'express';
import { createHmac, randomUUID } from 'node:crypto';

/** The registry events MLflow's webhooks report, as `<entity>.<action>`. */
export type MlflowWebhookEventName =
  | 'registered_model.created'
  | 'model_version.created'
  | 'model_version_tag.set'
  | 'model_version_tag.deleted'
  | 'model_version_alias.created'
  | 'model_version_alias.deleted';

type StoredWebhook = {
  webhook_id: string;
  name: string;
  description?: string;
  url: string;
  events: Array<{ entity: string; action: string }>;
  secret?: string;
  status: 'ACTIVE' | 'DISABLED';
  creation_timestamp: number;
  last_updated_timestamp: number;
};

/** What one delivery sends: the exact body bytes and headers, for tests that replay or tamper with them. */
export type MlflowWebhookDelivery = {
  url: string;
  body: string;
  headers: Record<string, string>;
};

/** MLflow's signature of a delivery: `v1,` and the base64 HMAC-SHA256 of `<delivery id>.<timestamp>.<body>`. */
export function signMlflowWebhook(
  secret: string,
  deliveryId: string,
  timestamp: string,
  body: string,
): string {
  const digest = createHmac('sha256', secret)
    .update(`${deliveryId}.${timestamp}.${body}`, 'utf8')
    .digest('base64');
  return `v1,${digest}`;
}

const error = (
  res: express.Response,
  status: number,
  code: string,
  message: string,
) => res.status(status).json({ error_code: code, message });

export class MlflowWebhookSender {
  private readonly webhooks = new Map<string, StoredWebhook>();
  /** Every delivery attempted, newest last, with its HTTP status (or the network error). */
  readonly deliveries: Array<
    MlflowWebhookDelivery & { status?: number; error?: string }
  > = [];

  /** The webhook REST API, mounted below `/api/2.0/mlflow/webhooks`. */
  router(): Router {
    const router = Router();
    router.use(express.json({ type: () => true }));
    router.post('/', (req, res) => {
      const { name, url, events, secret, description, status } = req.body ?? {};
      if (typeof name !== 'string' || !name) {
        return error(
          res,
          400,
          'INVALID_PARAMETER_VALUE',
          "Missing value for required parameter 'name'.",
        );
      }
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
        return error(
          res,
          400,
          'INVALID_PARAMETER_VALUE',
          `Invalid webhook URL: '${url}'`,
        );
      }
      if (!Array.isArray(events) || events.length === 0) {
        return error(
          res,
          400,
          'INVALID_PARAMETER_VALUE',
          'Webhook events cannot be empty',
        );
      }
      const now = Date.now();
      const webhook: StoredWebhook = {
        webhook_id: randomUUID().replace(/-/g, ''),
        name,
        description,
        url,
        events: events.map((e: { entity?: string; action?: string }) => ({
          entity: String(e?.entity ?? '').toUpperCase(),
          action: String(e?.action ?? '').toUpperCase(),
        })),
        secret,
        status: status === 'DISABLED' ? 'DISABLED' : 'ACTIVE',
        creation_timestamp: now,
        last_updated_timestamp: now,
      };
      this.webhooks.set(webhook.webhook_id, webhook);
      return res.json({ webhook: this.publicJson(webhook) });
    });
    router.get('/', (_req, res) => {
      res.json({
        webhooks: [...this.webhooks.values()].map(w => this.publicJson(w)),
      });
    });
    router.delete('/:webhookId', (req, res) => {
      if (!this.webhooks.delete(req.params.webhookId)) {
        return error(
          res,
          404,
          'RESOURCE_DOES_NOT_EXIST',
          `Webhook with ID ${req.params.webhookId} not found.`,
        );
      }
      return res.json({});
    });
    return router;
  }

  private readonly inFlight = new Set<Promise<void>>();

  /** Sends `event` in the background, as MLflow does (its thread pool), so the registry call does not wait. */
  sendInBackground(
    event: MlflowWebhookEventName,
    data: Record<string, unknown>,
  ): void {
    const sending: Promise<void> = this.send(event, data).finally(() =>
      this.inFlight.delete(sending),
    );
    this.inFlight.add(sending);
  }

  /** Resolves once every delivery sent in the background so far has been answered. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Sends `event` to every active webhook subscribed to it; resolves once all deliveries are answered. */
  async send(
    event: MlflowWebhookEventName,
    data: Record<string, unknown>,
  ): Promise<void> {
    const [entity, action] = event.split('.');
    const targets = [...this.webhooks.values()].filter(
      w =>
        w.status === 'ACTIVE' &&
        w.events.some(
          e =>
            e.entity === entity.toUpperCase() &&
            e.action === action.toUpperCase(),
        ),
    );
    await Promise.all(
      targets.map(async webhook => {
        const delivery = this.delivery(webhook, entity, action, data);
        const record: (typeof this.deliveries)[number] = { ...delivery };
        this.deliveries.push(record);
        try {
          const response = await fetch(delivery.url, {
            method: 'POST',
            headers: delivery.headers,
            body: delivery.body,
          });
          record.status = response.status;
        } catch (e) {
          record.error = String(e);
        }
      }),
    );
  }

  private delivery(
    webhook: StoredWebhook,
    entity: string,
    action: string,
    data: Record<string, unknown>,
  ): MlflowWebhookDelivery {
    const body = JSON.stringify({
      entity,
      action,
      timestamp: new Date().toISOString(),
      data,
    });
    const deliveryId = randomUUID();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-MLflow-Delivery-Id': deliveryId,
      'X-MLflow-Timestamp': timestamp,
    };
    if (webhook.secret) {
      headers['X-MLflow-Signature'] = signMlflowWebhook(
        webhook.secret,
        deliveryId,
        timestamp,
        body,
      );
    }
    return { url: webhook.url, body, headers };
  }

  private publicJson(webhook: StoredWebhook) {
    // MLflow never returns a webhook's secret.
    const { secret: _secret, ...rest } = webhook;
    return rest;
  }
}
