import { CacheService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  registerMswTestHooks,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import {
  MLFLOW_TEST_URL,
  MlflowFake,
  mlflowHandlers,
} from '@mlops-portal/sandbox';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MlflowClient } from './MlflowClient';
import { RunMetricsCache } from './RunMetricsCache';

const server = setupServer();
registerMswTestHooks(server);

const DAY = 24 * 3600 * 1000;

describe('RunMetricsCache against the MLflow stand-in', () => {
  let fake: MlflowFake;
  let backstageCaches: ServiceFactoryTester<CacheService, 'plugin'>;
  /** The backend's own cache service for the mlops plugin (default `memory` store), as the module receives it. */
  const mlopsCache = () => backstageCaches.getSubject('mlops');
  const client = new MlflowClient({
    name: 'default',
    baseUrl: MLFLOW_TEST_URL,
    retryBaseDelayMs: 1,
  });

  /** Registers `count` versions whose runs log auc = 0.8 + i/1000, in the given experiment; returns their run ids. */
  const addVersions = (count: number, experimentId?: string) =>
    Array.from({ length: count }, (_, i) =>
      fake.runIdOf(
        'm',
        fake.addVersion('m', {
          metrics: { auc: 0.8 + i / 1000 },
          createdAt: Date.UTC(2026, 0, 1) + i * DAY,
          experimentId,
        }),
      ),
    );
  const callsSince = (before: number) =>
    fake.requests
      .slice(fake.requests.length - (fake.requestCount - before))
      .map(r => `${r.method} ${r.path}`);

  beforeEach(() => {
    fake = new MlflowFake();
    fake.createRegisteredModel('m');
    server.use(...mlflowHandlers(fake));
    backstageCaches = ServiceFactoryTester.from(mockServices.cache.factory());
  });

  it('reads many runs with one runs/get and batched runs/search calls, then from the cache', async () => {
    const runIds = addVersions(120);
    const real = new RunMetricsCache(await mlopsCache(), { idsPerSearch: 50 });

    let before = fake.requestCount;
    const cold = await real.metricsOf(client, runIds);
    expect(callsSince(before)).toEqual([
      'GET /runs/get',
      'POST /runs/search',
      'POST /runs/search',
      'POST /runs/search',
    ]);
    expect(cold.size).toBe(120);
    runIds.forEach((runId, i) =>
      expect(cold.get(runId)).toEqual({ auc: 0.8 + i / 1000 }),
    );
    // The lists are the 119 ids runs/get did not read, at most 50 to a search, in MLflow's grammar.
    const searches = fake.requests.filter(r => r.path === '/runs/search');
    const bodies = searches.map(r => JSON.parse(r.body!));
    expect(bodies[0]).toEqual({
      experiment_ids: ['1'],
      filter: `attributes.run_id IN (${runIds
        .slice(1, 51)
        .map(id => `'${id}'`)
        .join(', ')})`,
      run_view_type: 'ALL',
      max_results: 1000,
    });
    expect(
      bodies.map(b => (b.filter as string).split(',').length).sort(),
    ).toEqual([19, 50, 50]);

    before = fake.requestCount;
    const warm = await real.metricsOf(client, runIds);
    expect(fake.requestCount - before).toBe(0);
    expect(warm).toEqual(cold);

    // Another replica's cache service on the same store (what Redis gives replicas) reads them too.
    const replica = new RunMetricsCache(await mlopsCache());
    before = fake.requestCount;
    expect(await replica.metricsOf(client, runIds)).toEqual(cold);
    expect(fake.requestCount - before).toBe(0);
    // Keyed per instance: another MLflow instance's runs of the same ids are not taken for these.
    const other = new MlflowClient({ name: 'other', baseUrl: MLFLOW_TEST_URL });
    before = fake.requestCount;
    await replica.metricsOf(other, runIds.slice(0, 2));
    expect(callsSince(before)).toEqual(['GET /runs/get', 'POST /runs/search']);
  });

  it('keeps finished runs for the TTL it is given', async () => {
    const runIds = addVersions(2);
    const cache = await mlopsCache();
    const set = jest.spyOn(cache, 'set');
    await new RunMetricsCache(cache).metricsOf(client, runIds);
    expect(set).toHaveBeenCalledTimes(2);
    expect(set).toHaveBeenCalledWith(
      `mlflow-run-metrics:default:${runIds[0]}`,
      { auc: 0.8 },
      { ttl: 7 * DAY },
    );
  });

  it('finds runs logged in two experiments: one runs/get and one search per experiment', async () => {
    const first = addVersions(3, '1');
    const second = addVersions(4, '7');
    const mixed = [
      first[0],
      second[0],
      first[1],
      second[1],
      first[2],
      second[2],
      second[3],
    ];
    const cache = new RunMetricsCache(await mlopsCache());

    const before = fake.requestCount;
    const metrics = await cache.metricsOf(client, mixed);
    expect(metrics.size).toBe(7);
    expect(callsSince(before)).toEqual([
      'GET /runs/get',
      'POST /runs/search',
      'GET /runs/get',
      'POST /runs/search',
    ]);
    const searches = fake.requests.filter(r => r.path === '/runs/search');
    expect(JSON.parse(searches[0].body!).experiment_ids).toEqual(['1']);
    expect(JSON.parse(searches[1].body!)).toMatchObject({
      experiment_ids: ['7'],
      // Only what experiment 1 did not hold is looked for in experiment 7.
      filter: `attributes.run_id IN (${second
        .slice(1)
        .map(id => `'${id}'`)
        .join(', ')})`,
    });
  });

  it('leaves out a run MLflow no longer has, finds a deleted one, and caches only finished runs', async () => {
    const runIds = addVersions(5);
    fake.purgeRun(runIds[0]);
    fake.purgeRun(runIds[3]);
    fake.deleteRun(runIds[2]);
    fake.setRunStatus(runIds[4], 'RUNNING');
    const cache = new RunMetricsCache(await mlopsCache());

    let before = fake.requestCount;
    const metrics = await cache.metricsOf(client, runIds);
    expect([...metrics.keys()].sort()).toEqual(
      [runIds[1], runIds[2], runIds[4]].sort(),
    );
    // The purged first run answers 404, so the second is read with runs/get and the rest searched in its
    // experiment; the other purged run, not there, may be in another experiment: runs/get says it is nowhere.
    expect(callsSince(before)).toEqual([
      'GET /runs/get',
      'GET /runs/get',
      'POST /runs/search',
      'GET /runs/get',
    ]);
    expect(
      fake.requests
        .filter(r => r.path === '/runs/get')
        .slice(-3)
        .map(r => r.query.get('run_id')),
    ).toEqual([runIds[0], runIds[1], runIds[3]]);

    before = fake.requestCount;
    await cache.metricsOf(client, runIds);
    // Warm: the running run and the two purged ones are asked again, the finished ones are not.
    const again = fake.requests.slice(-(fake.requestCount - before));
    expect(again.map(r => r.path)).toEqual([
      '/runs/get',
      '/runs/get',
      '/runs/get',
    ]);
    expect(again.map(r => r.query.get('run_id')).sort()).toEqual(
      [runIds[0], runIds[3], runIds[4]].sort(),
    );
  });

  it('follows next_page_token when a search answers in pages', async () => {
    const runIds = addVersions(7);
    const cache = new RunMetricsCache(await mlopsCache(), { pageSize: 2 });

    const before = fake.requestCount;
    const metrics = await cache.metricsOf(client, runIds);
    expect(metrics.size).toBe(7);
    // 6 ids in pages of 2: three full pages, each with a token, and an empty last one (MLflow's SQL store).
    const searches = fake.requests
      .slice(-(fake.requestCount - before))
      .filter(r => r.path === '/runs/search')
      .map(r => JSON.parse(r.body!));
    expect(searches).toHaveLength(4);
    expect(searches[0].page_token).toBeUndefined();
    expect(searches.slice(1).every(b => typeof b.page_token === 'string')).toBe(
      true,
    );
  });

  it('reads ids runs/search cannot find (not lower case) one by one', async () => {
    const runIds = addVersions(2);
    const cache = new RunMetricsCache(await mlopsCache());
    const metrics = await cache.metricsOf(client, [
      ...runIds,
      'ABCDEF0123456789',
    ]);
    expect(metrics.size).toBe(2);
    const filters = fake.requests
      .filter(r => r.path === '/runs/search')
      .map(r => JSON.parse(r.body!).filter);
    expect(filters.join()).not.toContain('ABCDEF');
    expect(
      fake.requests.some(r => r.query.get('run_id') === 'ABCDEF0123456789'),
    ).toBe(true);
  });

  it('throws what MLflow answers when a search fails', async () => {
    const runIds = addVersions(3);
    const failing = new MlflowClient({
      name: 'default',
      baseUrl: MLFLOW_TEST_URL,
      retryBaseDelayMs: 1,
      maxAttempts: 1,
    });
    server.use(
      http.post(`${MLFLOW_TEST_URL}/api/2.0/mlflow/runs/search`, () =>
        HttpResponse.json(
          { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'db' },
          { status: 503 },
        ),
      ),
    );
    const error = await new RunMetricsCache(await mlopsCache())
      .metricsOf(failing, runIds)
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'MlflowApiError',
      status: 503,
      errorCode: 'TEMPORARILY_UNAVAILABLE',
    });
  });
});
