import express from 'express';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { MlflowFake } from './MlflowFake';
import { mlflowRouter } from './mlflowRouter';
import { MlflowWebhookSender } from './MlflowWebhookSender';

const SECRET = 'stand-in-secret';
const CREATED_AT = Date.UTC(2026, 0, 5);

describe('the MLflow stand-in: POST /model-versions/set-tag over HTTP, and its model_version_tag.set webhook', () => {
  let fake: MlflowFake;
  let app: express.Express;
  let receiver: Server;
  let receiverUrl: string;
  let received: Array<{ body: string; headers: IncomingHttpHeaders }>;
  let sender: MlflowWebhookSender;

  beforeAll(async () => {
    receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
      });
      res.writeHead(200).end();
    });
    receiver.listen(0, '127.0.0.1');
    await new Promise(resolve => receiver.once('listening', resolve));
    receiverUrl = `http://127.0.0.1:${
      (receiver.address() as AddressInfo).port
    }`;
  });
  afterAll(() => new Promise(resolve => receiver.close(resolve)));

  beforeEach(async () => {
    received = [];
    fake = new MlflowFake();
    fake.createRegisteredModel('fraud-detector');
    fake.addVersion('fraud-detector', {
      metrics: { auc: 0.93 },
      createdAt: CREATED_AT,
      tags: { kfp_run_id: 'run-1' },
    });
    sender = new MlflowWebhookSender();
    app = express().use(mlflowRouter(fake, sender));
    const subscribe = (path: string, events: object[]) =>
      request(app)
        .post('/api/2.0/mlflow/webhooks')
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            name: path,
            url: `${receiverUrl}/${path}`,
            secret: SECRET,
            events,
          }),
        )
        .expect(200);
    await subscribe('tags', [{ entity: 'model_version_tag', action: 'set' }]);
    // Subscribed to something else: hears nothing of tags.
    await subscribe('aliases', [
      { entity: 'model_version_alias', action: 'created' },
    ]);
  });

  const setTag = (body: unknown, contentType = 'application/json') =>
    request(app)
      .post('/api/2.0/mlflow/model-versions/set-tag')
      .set('Content-Type', contentType)
      .send(JSON.stringify(body));
  const version1 = async () =>
    (
      await request(app).get(
        '/api/2.0/mlflow/model-versions/get?name=fraud-detector&version=1',
      )
    ).body.model_version;

  it('sets a tag, overwrites it on a second call, and sends MLflow’s signed model_version_tag.set each time', async () => {
    const first = await setTag({
      name: 'fraud-detector',
      version: '1',
      key: 'validation_status',
      value: 'pending',
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({});
    const second = await setTag({
      name: 'fraud-detector',
      version: '1',
      key: 'validation_status',
      value: 'approved',
    });
    expect(second.status).toBe(200);

    const version = await version1();
    expect(version.tags).toEqual([
      { key: 'kfp_run_id', value: 'run-1' },
      { key: 'validation_status', value: 'approved' },
    ]);
    // MLflow's store changes the tag only.
    expect(version.last_updated_timestamp).toBe(CREATED_AT);

    await sender.settled();
    // Sent in the background, as MLflow does: not necessarily in order.
    expect(received.map(r => JSON.parse(r.body).data.value).sort()).toEqual([
      'approved',
      'pending',
    ]);
    for (const { body, headers } of received) {
      const parsed = JSON.parse(body);
      expect(parsed).toEqual({
        entity: 'model_version_tag',
        action: 'set',
        timestamp: expect.any(String),
        data: {
          name: 'fraud-detector',
          version: '1',
          key: 'validation_status',
          value: expect.stringMatching(/^(pending|approved)$/),
        },
      });
      expect(Date.now() - Date.parse(parsed.timestamp)).toBeLessThan(10_000);
      const id = String(headers['x-mlflow-delivery-id']);
      const timestamp = String(headers['x-mlflow-timestamp']);
      expect(headers['x-mlflow-signature']).toBe(
        `v1,${createHmac('sha256', SECRET)
          .update(`${id}.${timestamp}.${body}`)
          .digest('base64')}`,
      );
    }
    expect(sender.deliveries.every(d => d.url === `${receiverUrl}/tags`)).toBe(
      true,
    );
  });

  it('sets an absent value as the empty string and reports it so; "01" names version 1', async () => {
    const res = await setTag({
      name: 'fraud-detector',
      version: '01',
      key: 'reviewed',
    });
    expect(res.status).toBe(200);
    expect((await version1()).tags).toContainEqual({
      key: 'reviewed',
      value: '',
    });
    await sender.settled();
    expect(received.map(r => JSON.parse(r.body).data)).toEqual([
      { name: 'fraud-detector', version: '01', key: 'reviewed', value: '' },
    ]);
  });

  const docs =
    ' See the API docs for more information about request parameters.';
  const ok = { name: 'fraud-detector', version: '1', key: 'k', value: 'v' };
  it.each<[string, unknown, number, string, string]>([
    [
      'no name',
      { ...ok, name: undefined },
      400,
      'INVALID_PARAMETER_VALUE',
      `Missing value for required parameter 'name'.${docs}`,
    ],
    [
      'an empty key',
      { ...ok, key: '' },
      400,
      'INVALID_PARAMETER_VALUE',
      `Missing value for required parameter 'key'.${docs}`,
    ],
    [
      'a version that is a JSON number',
      { ...ok, version: 1 },
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value 1 for parameter 'version' supplied:  Hint: Value was of type 'int'.${docs}`,
    ],
    [
      'a version that is no integer',
      { ...ok, version: 'latest' },
      400,
      'INVALID_PARAMETER_VALUE',
      "Parameter 'version' must be an integer, got 'latest'.",
    ],
    [
      'a key with a character MLflow refuses',
      { ...ok, key: 'team*owner' },
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value "team*owner" for parameter 'key' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    ],
    [
      'a key that resolves to another path',
      { ...ok, key: 'a/../b' },
      400,
      'INVALID_PARAMETER_VALUE',
      `Invalid value "a/../b" for parameter 'key' supplied: Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to 'b'`,
    ],
    [
      'a key longer than 250 characters',
      { ...ok, key: 'k'.repeat(251) },
      400,
      'INVALID_PARAMETER_VALUE',
      "'key' exceeds the maximum length of 250 characters",
    ],
    [
      'a value longer than 5000 characters',
      { ...ok, value: 'v'.repeat(5001) },
      400,
      'INVALID_PARAMETER_VALUE',
      "'value' exceeds the maximum length of 5000 characters",
    ],
    [
      'a version that does not exist',
      { ...ok, version: '7' },
      404,
      'RESOURCE_DOES_NOT_EXIST',
      'Model Version (name=fraud-detector, version=7) not found',
    ],
    [
      'a model that does not exist',
      { ...ok, name: 'nope' },
      404,
      'RESOURCE_DOES_NOT_EXIST',
      'Model Version (name=nope, version=1) not found',
    ],
  ])(
    'refuses %s as MLflow does, changes nothing and sends nothing',
    async (_name, body, status, errorCode, message) => {
      const res = await setTag(body);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ error_code: errorCode, message });
      expect((await version1()).tags).toEqual([
        { key: 'kfp_run_id', value: 'run-1' },
      ]);
      await sender.settled();
      expect(sender.deliveries).toEqual([]);
      expect(received).toEqual([]);
    },
  );

  it('refuses a body that is not JSON by content type', async () => {
    const res = await setTag(ok, 'text/plain');
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('BAD_REQUEST');
    await sender.settled();
    expect(sender.deliveries).toEqual([]);
  });
});
