import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsModuleMlflowWebhooks } from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';

const SECRET = 'ingress-test-secret';
const PATH = '/api/events/http/mlflow.default';

/** A delivery signed as MLflow's documentation describes, computed here independently of the module. */
function signed(body: string, options: { sentAt?: number; id?: string } = {}) {
  const id = options.id ?? randomUUID();
  const timestamp = String(Math.floor((options.sentAt ?? Date.now()) / 1000));
  const signature = createHmac('sha256', SECRET)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return {
    'Content-Type': 'application/json',
    'X-MLflow-Delivery-Id': id,
    'X-MLflow-Timestamp': timestamp,
    'X-MLflow-Signature': `v1,${signature}`,
  };
}

// Deliberately not what JSON.stringify would write: the signature covers these exact bytes.
const body =
  '{"entity": "model_version_alias", "action": "created", "timestamp": "2026-12-02T09:59:59.123456+00:00", ' +
  '"data": {"name": "fraud-detector", "alias": "champion", "version": "2"}}';

/*
 * MLflow's webhooks through the real events backend's HTTP ingress (`/api/events/http/<topic>`), with the MLflow
 * module's validator: the raw body as sent, 202 for a good delivery, 401 for everything else.
 */
describe('MLflow webhooks through the events backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        eventsPlugin,
        eventsModuleMlflowWebhooks,
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              mlflow: {
                instances: [
                  {
                    name: 'default',
                    baseUrl: 'http://mlflow.invalid',
                    webhookSecret: SECRET,
                  },
                  // No secret: no ingress, read only.
                  { name: 'readonly', baseUrl: 'http://mlflow.invalid' },
                ],
              },
            },
          },
        }),
      ],
    }));
  });

  it('accepts a fresh signed delivery once, and refuses it replayed', async () => {
    const headers = signed(body);
    const first = await request(server).post(PATH).set(headers).send(body);
    expect(first.status).toBe(202);
    const replay = await request(server).post(PATH).set(headers).send(body);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/replayed delivery/);
  });

  it.each([
    [
      'a missing signature',
      () => {
        const { 'X-MLflow-Signature': _, ...rest } = signed(body);
        return { headers: rest, body };
      },
    ],
    [
      'a bad signature',
      () => ({
        headers: { ...signed(body), 'X-MLflow-Signature': 'v1,AAAA' },
        body,
      }),
    ],
    [
      'a body changed after signing',
      () => ({
        headers: signed(body),
        body: body.replace('"2"', '"3"'),
      }),
    ],
    [
      'an old timestamp',
      () => ({
        headers: signed(body, { sentAt: Date.now() - 10 * 60_000 }),
        body,
      }),
    ],
  ])('refuses %s with 401', async (_name, make) => {
    const delivery = make();
    const response = await request(server)
      .post(PATH)
      .set(delivery.headers)
      .send(delivery.body);
    expect(response.status).toBe(401);
  });

  it('opens no ingress for an instance without a webhook secret', async () => {
    const response = await request(server)
      .post('/api/events/http/mlflow.readonly')
      .set(signed(body))
      .send(body);
    expect(response.status).toBe(404);
  });
});
