import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import mlopsModuleMlflow, {
  eventsModuleMlflowWebhooks,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';

const SECRET = 'ingress-test-secret';
const PATH = '/api/events/http/mlflow.default';
const HISTORY =
  '/api/mlops/v1/entities/model/default/fraud-detector/promotions?alias=champion';

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

/** When MLflow sent a delivery, as its body's `timestamp` says it (Python's isoformat: microseconds, +00:00). */
const pythonIsoFormat = (ms: number) =>
  new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1456+00:00');

/**
 * MLflow's `model_version_alias.created` body for `champion` → `version`, deliberately not as JSON.stringify
 * would write it: the signature covers these exact bytes.
 */
const aliasCreated = (version: string, sentAt = Date.now()) =>
  `{"entity": "model_version_alias", "action": "created", "timestamp": "${pythonIsoFormat(
    sentAt,
  )}", "data": {"name": "fraud-detector", "alias": "champion", "version": "${version}"}}`;

/** The Model whose registry entry the deliveries are about. */
const fraudDetector = {
  apiVersion: 'mlops.backstage.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'fraud-detector', namespace: 'default' },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:default/ml-fraud',
    registry: {
      provider: 'mlflow',
      instance: 'default',
      modelName: 'fraud-detector',
      protectedAliases: ['champion'],
    },
  },
};

/*
 * MLflow's webhooks through the real events backend's HTTP ingress (`/api/events/http/<topic>`), with the MLflow
 * module's validator, into the mlops plugin's promotion history (read back through its own API): 202 and an
 * "outside the portal" history row for a good delivery, 401 and no row for everything else.
 */
describe('MLflow webhooks through the events backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  const history = async (): Promise<PromotionRecord[]> => {
    const response = await request(server)
      .get(HISTORY)
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body.items;
  };

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        // The events service the backend uses by default (the test backend's mock gives each plugin its own).
        eventsServiceFactory,
        eventsPlugin,
        eventsModuleMlflowWebhooks,
        mlopsPlugin,
        mlopsModuleMlflow,
        catalogServiceMock.factory({ entities: [fraudDetector] }),
        mockServices.rootConfig.factory({
          data: {
            // One process: events are delivered in it. Polling the events backend's bus would hold up shutdown.
            events: { useEventBus: 'never' },
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

  it('records a fresh signed alias move in the history as outside the portal, at the time MLflow sent it, once', async () => {
    const sentAt = Date.now() - 2_000;
    const body = aliasCreated('2', sentAt);
    const headers = signed(body, { sentAt });

    const first = await request(server).post(PATH).set(headers).send(body);
    expect(first.status).toBe(202);
    const [move, ...rest] = await history();
    expect(rest).toEqual([]);
    expect(move).toMatchObject({
      entityRef: 'model:default/fraud-detector',
      instance: 'default',
      registeredModel: 'fraud-detector',
      alias: 'champion',
      toVersion: '2',
      state: 'completed',
      requestedBy: 'outside the portal',
      requestedAt: new Date(sentAt).toISOString(),
      completedAt: new Date(sentAt).toISOString(),
      reason: expect.stringContaining(
        `outside the portal (delivery ${headers['X-MLflow-Delivery-Id']})`,
      ),
    });

    // Moved on in MLflow, then the first delivery replayed: were it let through, champion would move back to v2.
    const next = aliasCreated('3');
    expect(
      (await request(server).post(PATH).set(signed(next)).send(next)).status,
    ).toBe(202);
    const replay = await request(server).post(PATH).set(headers).send(body);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/replayed delivery/);
    expect((await history()).map(r => [r.fromVersion, r.toVersion])).toEqual([
      [undefined, '2'],
      ['2', '3'],
    ]);
  });

  // Each would move champion to v9 if it were let through.
  const moveTo9 = aliasCreated('9');
  it.each([
    [
      'a missing signature',
      () => {
        const { 'X-MLflow-Signature': _, ...rest } = signed(moveTo9);
        return { headers: rest, body: moveTo9 };
      },
    ],
    [
      'a bad signature',
      () => ({
        headers: { ...signed(moveTo9), 'X-MLflow-Signature': 'v1,AAAA' },
        body: moveTo9,
      }),
    ],
    [
      'a body changed after signing',
      () => {
        const original = aliasCreated('3');
        return { headers: signed(original), body: moveTo9 };
      },
    ],
    [
      'an old timestamp',
      () => {
        const sentAt = Date.now() - 10 * 60_000;
        const old = aliasCreated('9', sentAt);
        return { headers: signed(old, { sentAt }), body: old };
      },
    ],
  ])('refuses %s with 401 and writes no history', async (_name, make) => {
    const before = await history();
    const delivery = make();
    const response = await request(server)
      .post(PATH)
      .set(delivery.headers)
      .send(delivery.body);
    expect(response.status).toBe(401);
    expect(await history()).toEqual(before);
  });

  it('opens no ingress for an instance without a webhook secret', async () => {
    const body = aliasCreated('2');
    const response = await request(server)
      .post('/api/events/http/mlflow.readonly')
      .set(signed(body))
      .send(body);
    expect(response.status).toBe(404);
  });
});
