import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookDeliveryLedger } from './WebhookDeliveryLedger';

/** The delivery headers MLflow sends (`mlflow/webhooks/constants.py`), lower-cased as Node reports them. */
export const MLFLOW_SIGNATURE_HEADER = 'x-mlflow-signature';
export const MLFLOW_TIMESTAMP_HEADER = 'x-mlflow-timestamp';
export const MLFLOW_DELIVERY_ID_HEADER = 'x-mlflow-delivery-id';

/** MLflow's documented freshness window: deliveries older than 5 minutes are refused. */
export const DEFAULT_WEBHOOK_MAX_AGE_SECONDS = 300;
/** How far ahead of this backend's clock MLflow's may run before a delivery counts as forged. */
const FUTURE_SKEW_SECONDS = 30;

/**
 * Whether a webhook request is a fresh, authentic MLflow delivery.
 *
 * @public
 */
export type WebhookVerdict =
  | { accepted: true; deliveryId: string; sentAt: Date }
  | { accepted: false; reason: string };

const single = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;

/**
 * Checks MLflow (OSS, 3.3 and later) webhook deliveries for one instance, the way MLflow signs them
 * (`mlflow/webhooks/delivery.py`): `X-MLflow-Signature: v1,<base64 HMAC-SHA256>` keyed with the webhook's secret
 * over `<X-MLflow-Delivery-Id>.<X-MLflow-Timestamp>.<raw body>`, the timestamp in Unix seconds. A delivery is
 * accepted when all three headers are present, its timestamp is at most `maxAgeSeconds` old (and not more than
 * 30 s ahead), its signature matches the raw body bytes, and its delivery id was not accepted before (by any
 * replica sharing the ledger). The timestamp is checked first and the id claimed last, so neither an unsigned
 * request nor a stale one can use up an id.
 *
 * @public
 */
export class MlflowWebhookVerifier {
  private readonly secret: Buffer;
  private readonly maxAgeSeconds: number;
  private readonly now: () => number;

  constructor(
    private readonly options: {
      instance: string;
      secret: string;
      ledger: WebhookDeliveryLedger;
      maxAgeSeconds?: number;
      now?: () => number;
    },
  ) {
    this.secret = Buffer.from(options.secret, 'utf8');
    this.maxAgeSeconds =
      options.maxAgeSeconds ?? DEFAULT_WEBHOOK_MAX_AGE_SECONDS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Checks a delivery: the three headers present, the timestamp within the allowed age, the signature over
   * `<delivery id>.<timestamp>.<raw body>` (constant-time compare), then claims the delivery id so a replay is refused.
   */
  async verify(request: {
    rawBody: Buffer;
    headers: Record<string, string | string[] | undefined>;
  }): Promise<WebhookVerdict> {
    const signature = single(request.headers[MLFLOW_SIGNATURE_HEADER]);
    const timestamp = single(request.headers[MLFLOW_TIMESTAMP_HEADER]);
    const deliveryId = single(request.headers[MLFLOW_DELIVERY_ID_HEADER]);
    if (!signature || !timestamp || !deliveryId) {
      return {
        accepted: false,
        reason:
          'unsigned: X-MLflow-Signature, X-MLflow-Timestamp and X-MLflow-Delivery-Id are required',
      };
    }
    if (!/^\d{1,12}$/.test(timestamp)) {
      return {
        accepted: false,
        reason: 'X-MLflow-Timestamp is not Unix seconds',
      };
    }
    const sentSeconds = Number(timestamp);
    const ageSeconds = this.now() / 1000 - sentSeconds;
    if (ageSeconds > this.maxAgeSeconds || ageSeconds < -FUTURE_SKEW_SECONDS) {
      return {
        accepted: false,
        reason: `stale delivery: sent ${Math.round(
          ageSeconds,
        )} s ago, accepted within ${this.maxAgeSeconds} s`,
      };
    }
    if (
      !this.signatureMatches(signature, deliveryId, timestamp, request.rawBody)
    ) {
      return { accepted: false, reason: 'bad signature' };
    }
    const claimed = await this.options.ledger.claim(
      this.options.instance,
      deliveryId,
      (sentSeconds + this.maxAgeSeconds + FUTURE_SKEW_SECONDS) * 1000,
    );
    if (!claimed) {
      return { accepted: false, reason: `replayed delivery ${deliveryId}` };
    }
    return { accepted: true, deliveryId, sentAt: new Date(sentSeconds * 1000) };
  }

  private signatureMatches(
    header: string,
    deliveryId: string,
    timestamp: string,
    rawBody: Buffer,
  ): boolean {
    const expected = createHmac('sha256', this.secret)
      .update(`${deliveryId}.${timestamp}.`, 'utf8')
      .update(rawBody)
      .digest();
    // MLflow sends one `v1,<sig>`; space-separated several (as Standard Webhooks allows for rotation) are accepted.
    return header.split(' ').some(entry => {
      const [version, encoded] = entry.split(',', 2);
      if (version !== 'v1' || !encoded) {
        return false;
      }
      const given = Buffer.from(encoded, 'base64');
      return (
        given.length === expected.length && timingSafeEqual(given, expected)
      );
    });
  }
}
