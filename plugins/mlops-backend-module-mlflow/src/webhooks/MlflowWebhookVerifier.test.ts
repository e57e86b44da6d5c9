import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createSandboxApp } from '@mlops-portal/sandbox';
import { createHmac } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { createServer, Server } from 'node:http';
import { MlflowWebhookVerifier, WebhookVerdict } from './MlflowWebhookVerifier';
import { toModelRegistryEvent } from './toModelRegistryEvent';
import { DatabaseWebhookDeliveryLedger } from './WebhookDeliveryLedger';

const SECRET = 'test-webhook-secret';
const NOW = Date.parse('2026-12-02T10:00:00Z');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Signed as MLflow's documentation describes it, computed here independently of the verifier. */
function mlflowDelivery(
  body: string,
  options: { id?: string; sentAt?: number; secret?: string } = {},
) {
  const id = options.id ?? 'd-1';
  const timestamp = String(Math.floor((options.sentAt ?? NOW) / 1000));
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return {
    rawBody: Buffer.from(body, 'utf8'),
    headers: {
      'x-mlflow-delivery-id': id,
      'x-mlflow-timestamp': timestamp,
      'x-mlflow-signature': `v1,${signature}`,
    } as Record<string, string | undefined>,
  };
}

const aliasBody = JSON.stringify({
  entity: 'model_version_alias',
  action: 'created',
  timestamp: '2026-12-02T09:59:59.123456+00:00',
  data: { name: 'fraud-detector', alias: 'champion', version: '3' },
});

async function ledgerOn(): Promise<DatabaseService> {
  const knex = await databases.init('SQLITE_3');
  return { getClient: async () => knex, migrations: { skip: false } };
}

describe('MlflowWebhookVerifier', () => {
  it('accepts a fresh delivery signed over id, timestamp and the raw body, once across replicas', async () => {
    const database = await ledgerOn();
    const replica = async () =>
      new MlflowWebhookVerifier({
        instance: 'default',
        secret: SECRET,
        ledger: await DatabaseWebhookDeliveryLedger.create(database, {
          now: () => NOW,
        }),
        now: () => NOW + 4_000,
      });
    const [first, second] = [await replica(), await replica()];
    const delivery = mlflowDelivery(aliasBody);

    const verdict = await first.verify(delivery);
    expect(verdict).toEqual({
      accepted: true,
      deliveryId: 'd-1',
      sentAt: new Date(NOW),
    });
    expect(
      toModelRegistryEvent('default', JSON.parse(aliasBody), verdict as any),
    ).toEqual({
      provider: 'mlflow',
      instance: 'default',
      registeredModel: 'fraud-detector',
      sentAt: '2026-12-02T09:59:59.123Z',
      deliveryId: 'd-1',
      type: 'alias.set',
      alias: 'champion',
      version: '3',
    });
    // The same delivery sent again, to this replica or another sharing the database.
    expect(await second.verify(delivery)).toEqual({
      accepted: false,
      reason: 'replayed delivery d-1',
    });
    expect(await first.verify(delivery)).toMatchObject({ accepted: false });
  });

  it.each<[string, ReturnType<typeof mlflowDelivery>, RegExp]>([
    [
      'no signature',
      (() => {
        const d = mlflowDelivery(aliasBody);
        delete d.headers['x-mlflow-signature'];
        return d;
      })(),
      /unsigned/,
    ],
    [
      'another secret',
      mlflowDelivery(aliasBody, { secret: 'guess' }),
      /bad signature/,
    ],
    [
      'a body changed after signing',
      {
        ...mlflowDelivery(aliasBody),
        rawBody: Buffer.from(aliasBody.replace('"3"', '"4"')),
      },
      /bad signature/,
    ],
    [
      'a re-serialised body (whitespace differs)',
      {
        ...mlflowDelivery(aliasBody),
        rawBody: Buffer.from(JSON.stringify(JSON.parse(aliasBody), null, 1)),
      },
      /bad signature/,
    ],
    [
      'a timestamp older than 5 minutes',
      mlflowDelivery(aliasBody, { sentAt: NOW - 301_000 }),
      /stale delivery/,
    ],
    [
      'a timestamp from the future',
      mlflowDelivery(aliasBody, { sentAt: NOW + 60_000 }),
      /stale delivery/,
    ],
    [
      'the signature of another delivery id',
      {
        ...mlflowDelivery(aliasBody),
        headers: {
          ...mlflowDelivery(aliasBody).headers,
          'x-mlflow-delivery-id': 'd-2',
        },
      },
      /bad signature/,
    ],
  ])(
    'refuses %s and uses up no delivery id',
    async (_name, delivery, reason) => {
      const ledger = { claim: jest.fn(async () => true) };
      const verifier = new MlflowWebhookVerifier({
        instance: 'default',
        secret: SECRET,
        ledger,
        now: () => NOW,
      });
      const verdict: WebhookVerdict = await verifier.verify(delivery);
      expect(verdict.accepted).toBe(false);
      expect(!verdict.accepted && verdict.reason).toMatch(reason);
      expect(ledger.claim).not.toHaveBeenCalled();
    },
  );
});

describe('the sandbox MLflow stand-in as sender (DEMO STAND-IN)', () => {
  const servers: Server[] = [];
  afterEach(() =>
    Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r)))),
  );
  const listen = async (server: Server) => {
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it('registers a webhook over the REST API and signs alias moves, new versions and version tags as the verifier accepts them', async () => {
    const received: Array<{
      verdict: WebhookVerdict;
      body: Buffer;
      headers: Record<string, string | string[] | undefined>;
    }> = [];
    const verifier = new MlflowWebhookVerifier({
      instance: 'default',
      secret: SECRET,
      ledger: await DatabaseWebhookDeliveryLedger.create(await ledgerOn()),
    });
    const receiver = await listen(
      createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        const verdict = await verifier.verify({
          rawBody: body,
          headers: req.headers,
        });
        received.push({ verdict, body, headers: req.headers });
        res.writeHead(verdict.accepted ? 202 : 401).end();
      }),
    );
    const sandbox = await listen(createServer(createSandboxApp()));
    const api = (path: string, method: string, body: unknown) =>
      fetch(`${sandbox}/mlflow/api/2.0/mlflow/${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    const created = await api('webhooks', 'POST', {
      name: 'portal',
      url: `${receiver}/hook`,
      secret: SECRET,
      events: [
        { entity: 'MODEL_VERSION_ALIAS', action: 'CREATED' },
        { entity: 'MODEL_VERSION', action: 'CREATED' },
        { entity: 'MODEL_VERSION_TAG', action: 'SET' },
      ],
    });
    expect(created.status).toBe(200);
    expect((await created.json()).webhook).not.toHaveProperty('secret');
    const moved = await api('registered-models/alias', 'POST', {
      name: 'fraud-detector',
      alias: 'champion',
      version: '2',
    });
    expect(moved.status).toBe(200);
    const registered = await api('model-versions/create', 'POST', {
      name: 'fraud-detector',
      source: 'models:/m-1',
      tags: [{ key: 'kfp_run_id', value: 'run-42' }],
    });
    expect(registered.status).toBe(200);
    const tagged = await api('model-versions/set-tag', 'POST', {
      name: 'fraud-detector',
      version: '2',
      key: 'validation_status',
      value: 'approved',
    });
    expect(tagged.status).toBe(200);
    // Delivered in the background, as MLflow does.
    for (let i = 0; i < 100 && received.length < 3; i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }

    expect(received.map(r => r.verdict.accepted)).toEqual([true, true, true]);
    const events = received
      .map(({ verdict, body }) =>
        toModelRegistryEvent(
          'default',
          JSON.parse(body.toString('utf8')),
          verdict as { deliveryId: string; sentAt: Date },
        ),
      )
      .sort((a, b) => a!.type.localeCompare(b!.type));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'alias.set',
        alias: 'champion',
        version: '2',
      }),
      expect.objectContaining({
        type: 'version.created',
        registeredModel: 'fraud-detector',
        tags: { kfp_run_id: 'run-42' },
      }),
      expect.objectContaining({
        type: 'version.tagged',
        registeredModel: 'fraud-detector',
        version: '2',
        key: 'validation_status',
        value: 'approved',
      }),
    ]);
    // A captured delivery replayed verbatim is refused.
    const [first] = received;
    const replay = await fetch(`${receiver}/hook`, {
      method: 'POST',
      headers: Object.fromEntries(
        [
          'content-type',
          'x-mlflow-delivery-id',
          'x-mlflow-timestamp',
          'x-mlflow-signature',
        ].map(h => [h, String(first.headers[h])]),
      ),
      body: first.body,
    });
    expect(replay.status).toBe(401);
  });
});
