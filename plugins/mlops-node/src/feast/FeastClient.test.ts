import {
  FeastRegistryFake,
  feastRouter,
  seedFeast,
} from '@mlops-portal/sandbox';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FeastApiError } from './FeastApiError';
import { FeastClient } from './FeastClient';

/* The client against the sandbox's Feast REST registry stand-in over HTTP, in the registry's wire format. */
describe('FeastClient', () => {
  let server: Server;
  let fake: FeastRegistryFake;
  let baseUrl: string;
  let requests: Array<{ url: string; authorization?: string }>;

  beforeEach(async () => {
    fake = new FeastRegistryFake(() => Date.parse('2026-11-27T10:00:00Z'));
    seedFeast(fake);
    requests = [];
    server = express()
      .use((req, _res, next) => {
        requests.push({
          url: req.url,
          authorization: req.headers.authorization,
        });
        next();
      })
      .use('/feast', feastRouter(fake))
      // A registry from before the `type` field: a single view is wrapped in `featureView`.
      .get('/older/api/v1/feature_views/:name', (req, res) => {
        res.json({
          featureView: {
            spec: { name: req.params.name, entities: ['driver'] },
            meta: {},
          },
        });
      })
      .get('/older/api/v1/feature_views', (_req, res) => {
        res.status(500).json({ detail: 'Internal server error' });
      })
      .get('/proxy/api/v1/*', (_req, res) => {
        res.status(502).type('text/html').send('<html>Bad Gateway</html>');
      })
      .listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const client = (path = '/feast', options: { projects?: string[] } = {}) =>
    new FeastClient({
      name: 'test',
      baseUrl: `${baseUrl}${path}`,
      bearerToken: 'feast-token',
      timeoutMs: 2000,
      ...options,
    });

  it('reads a project’s views in the camelCase wire format, defaults filled where protobuf left them out', async () => {
    const views = await client().listFeatureViews('growth');
    expect(views).toHaveLength(1);
    const [profile] = views;
    expect(profile.type).toBe('featureView');
    expect(profile.spec).toMatchObject({
      name: 'customer_profile',
      entities: ['customer_id'],
      ttl: '604800s',
      offline: true,
      batchSource: { name: 'customer_profile_daily', type: 'BATCH_BIGQUERY' },
    });
    // `online: false` is the protobuf default, so the registry leaves it out.
    expect(profile.spec.online).toBeUndefined();
    expect(profile.spec.features?.map(f => [f.name, f.valueType])).toEqual([
      ['tenure_days', 'INT64'],
      ['plan', 'STRING'],
      ['logins_30d', 'INT64'],
      ['support_tickets_90d', 'INT32'],
    ]);
    expect(profile.meta?.materializationIntervals?.[0].endTime).toBe(
      '2026-11-26T14:00:00.000Z',
    );
    expect(requests.every(r => r.authorization === 'Bearer feast-token')).toBe(
      true,
    );
  });

  it('follows pagination.hasNext across pages of at most 100', async () => {
    for (let i = 0; i < 250; i++) {
      fake.applyFeatureView('fraud', {
        type: 'featureView',
        name: `extra_${String(i).padStart(3, '0')}`,
        entities: ['customer_id'],
        features: [{ name: 'f', valueType: 'DOUBLE' }],
      });
    }
    const views = await client().listFeatureViews('fraud');
    expect(views).toHaveLength(252);
    expect(new Set(views.map(v => v.spec.name)).size).toBe(252);
    const pages = requests.filter(r =>
      r.url.startsWith('/feast/api/v1/feature_views?'),
    );
    expect(
      pages.map(r => new URL(r.url, baseUrl).searchParams.get('page')),
    ).toEqual(['1', '2', '3']);
    expect(
      pages.every(
        r => new URL(r.url, baseUrl).searchParams.get('limit') === '100',
      ),
    ).toBe(true);
  });

  it('lists the registry’s projects unless the instance names its own', async () => {
    expect(await client().projectNames()).toEqual(['fraud', 'growth']);
    expect(
      await client('/feast', { projects: ['growth'] }).projectNames(),
    ).toEqual(['growth']);
  });

  it('gets one view in the current and the older answer shape', async () => {
    const view = await client().getFeatureView(
      'fraud',
      'customer_transactions',
    );
    expect(view.type).toBe('streamFeatureView');
    expect(view.spec.streamSource).toMatchObject({
      name: 'card_authorisations_kafka',
      type: 'STREAM_KAFKA',
    });
    const older = await client('/older').getFeatureView('p', 'driver_stats');
    expect(older).toMatchObject({
      type: 'featureView',
      spec: { name: 'driver_stats' },
    });
  });

  it('maps a missing view to a not-found error carrying Feast’s detail', async () => {
    const error = await client()
      .getFeatureView('fraud', 'nope')
      .catch(e => e);
    expect(error).toBeInstanceOf(FeastApiError);
    expect(error.isNotFound).toBe(true);
    expect(error.message).toBe(
      "Feast registry 'test' getFeatureView failed: HTTP 404 - Feature view nope does not exist in project fraud",
    );
  });

  it('names the status of a 500, a proxy’s HTML answer and an unreachable registry', async () => {
    await expect(client('/older').listFeatureViews('p')).rejects.toThrow(
      "Feast registry 'test' listFeatureViews failed: HTTP 500 - Internal server error",
    );
    const proxied = await client('/proxy')
      .listFeatureViews('p')
      .catch(e => e);
    expect(proxied).toMatchObject({ status: 502, isNotFound: false });
    const down = new FeastClient({
      name: 'down',
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 500,
    });
    const unreachable = await down.listFeatureViews('p').catch(e => e);
    expect(unreachable).toBeInstanceOf(FeastApiError);
    expect(unreachable.status).toBeUndefined();
    expect(unreachable.message).toMatch(
      /^Feast registry 'down' listFeatureViews failed: unreachable - /,
    );
  });
});

/*
 * The registry's query rules (FastAPI: `project` required, `limit` 1–100, else 422 naming the parameter), met by
 * the real client over HTTP: its requests keep to them, and a 422 it meets names the parameter.
 */
describe('FeastClient and the registry’s query rules', () => {
  let server: Server;
  let fake: FeastRegistryFake;
  let baseUrl: string;
  let answers: Array<{ path: string; query: URLSearchParams; status: number }>;

  beforeEach(async () => {
    fake = new FeastRegistryFake(() => Date.parse('2026-11-27T10:00:00Z'));
    seedFeast(fake);
    answers = [];
    const handle = fake.handle.bind(fake);
    jest.spyOn(fake, 'handle').mockImplementation((path, query) => {
      const answer = handle(path, query);
      answers.push({ path, query, status: answer.status });
      return answer;
    });
    server = express()
      .use('/feast', feastRouter(fake))
      // A proxy in front of the registry that loses the query's `project`.
      .get('/lossy/api/v1/*', (req, res) => {
        const query = new URL(req.originalUrl, 'http://lossy').searchParams;
        query.delete('project');
        const answer = fake.handle(
          req.path.slice('/lossy/api/v1'.length),
          query,
        );
        res.status(answer.status).json(answer.body);
      })
      .listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const client = (path: string) =>
    new FeastClient({
      name: 'test',
      baseUrl: `${baseUrl}${path}`,
      timeoutMs: 2000,
    });

  it('names the project and asks for at most 100 views a page, so the registry never answers 422', async () => {
    for (let i = 0; i < 150; i++) {
      fake.applyFeatureView('fraud', {
        type: 'featureView',
        name: `extra_${String(i).padStart(3, '0')}`,
        entities: ['customer_id'],
        features: [{ name: 'f', valueType: 'DOUBLE' }],
      });
    }
    const feast = client('/feast');
    expect(await feast.projectNames()).toEqual(['fraud', 'growth']);
    expect(await feast.listFeatureViews('fraud')).toHaveLength(152);
    expect(
      (await feast.getFeatureView('growth', 'customer_profile')).spec.name,
    ).toBe('customer_profile');

    expect(answers.map(a => a.status).every(s => s === 200)).toBe(true);
    const viewCalls = answers.filter(a => a.path.startsWith('/feature_views'));
    expect(viewCalls.length).toBeGreaterThanOrEqual(3);
    expect(viewCalls.every(a => a.query.get('project'))).toBe(true);
    const limits = answers
      .filter(a => a.query.has('limit'))
      .map(a => Number(a.query.get('limit')));
    expect(limits.length).toBeGreaterThanOrEqual(3);
    expect(limits.every(l => l >= 1 && l <= 100)).toBe(true);
  });

  it('reports a 422 with the parameter FastAPI names, not as a missing view', async () => {
    const error = await client('/lossy')
      .getFeatureView('growth', 'customer_profile')
      .catch(e => e);
    expect(answers.map(a => a.status)).toEqual([422]);
    expect(error).toBeInstanceOf(FeastApiError);
    expect(error).toMatchObject({ status: 422, isNotFound: false });
    expect(error.message).toBe(
      "Feast registry 'test' getFeatureView failed: HTTP 422 - query.project: Field required",
    );
    await expect(client('/lossy').listFeatureViews('growth')).rejects.toThrow(
      "Feast registry 'test' listFeatureViews failed: HTTP 422 - query.project: Field required",
    );
  });
});
