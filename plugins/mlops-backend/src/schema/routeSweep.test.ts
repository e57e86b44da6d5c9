import { mockCredentials } from '@backstage/backend-test-utils';
import { MLFLOW_TEST_URL } from '@mlops-portal/sandbox';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { closedPort } from '../__testUtils__/closedPort';
import { transactionsView } from '../health/__testUtils__/monitoredModels';
import {
  AMIRA,
  fraudDetectorModel,
  startMlopsBackend,
  trainingPipeline,
} from '../__testUtils__/startMlopsBackend';
import { spec } from './openapi.generated';

/*
 * Every route of the spec, never a 500: against upstreams that are down, against a portal with none configured,
 * and with malformed path, query and body values. Each answer is a 4xx or a 503 (a 502 only where an upstream
 * answered badly, which none does here).
 */

const AS = mockCredentials.user.header(AMIRA);
const MODEL = fraudDetectorModel();
MODEL.spec.serving = { ...MODEL.spec.serving!, cluster: 'sandbox' };
// The feature view fraud-detector reads, as the health tests have it.
const VIEW = transactionsView;

/** The entity each path is about, and well-formed bodies and queries that reach the upstreams. */
const ENTITY_FOR: Record<string, string> = {
  runs: 'pipeline/default/fraud-detector-training',
  feast: 'featureview/default/customer-transactions',
};
const GOOD_BODY: Record<string, object> = {
  'post /v1/entities/{kind}/{namespace}/{name}/promotions': {
    alias: 'challenger',
    version: '3',
    reason: 'route sweep',
  },
  'post /v1/entities/{kind}/{namespace}/{name}/rollbacks': {
    alias: 'challenger',
    reason: 'route sweep',
  },
  'post /v1/registry/models': { name: 'route-sweep' },
  'post /v1/rollouts': {
    entityRef: 'model:default/fraud-detector',
    version: '6',
  },
  'post /v1/entities/{kind}/{namespace}/{name}/runs': { parameters: {} },
};
const GOOD_QUERY: Record<string, string> = {
  'get /v1/rollouts': 'entityRef=model:default/fraud-detector',
  'get /v1/entities/{kind}/{namespace}/{name}/health/series':
    'metric=errorRate&range=1h',
};

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item as object)
    .filter(method => ['get', 'post'].includes(method))
    .map(method => ({ method: method as 'get' | 'post', path })),
);

function urlOf(path: string, overrides: Record<string, string> = {}) {
  const segment = path.split('/').pop()!;
  const [kind, namespace, name] = (
    ENTITY_FOR[segment] ?? 'model/default/fraud-detector'
  ).split('/');
  const values: Record<string, string> = {
    kind,
    namespace,
    name,
    id: 'no-such-id',
    ...overrides,
  };
  return `/api/mlops${path.replace(/\{(\w+)\}/g, (_m, p) =>
    encodeURIComponent(values[p]),
  )}`;
}

describe('route sweep: never a 500', () => {
  const msw = setupServer(
    http.all(`${MLFLOW_TEST_URL}/*`, () => HttpResponse.error()),
    http.all(/^http:\/\/(127\.0\.0\.1|localhost)[:/]/, () => passthrough()),
  );
  beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => msw.close());

  const sweep = async (
    backend: Awaited<ReturnType<typeof startMlopsBackend>>,
    cases: Array<{
      label: string;
      method: 'get' | 'post';
      url: string;
      body?: unknown;
    }>,
  ) => {
    const answers: string[] = [];
    for (const c of cases) {
      const call = request(backend.server)
        [c.method](c.url)
        .set('Authorization', AS);
      const res = await (c.method === 'post'
        ? call.send(c.body as object)
        : call);
      answers.push(`${res.status} ${c.label}`);
      expect(res.body?.error?.message ?? '').not.toMatch(/^Internal/);
    }
    const bad = answers.filter(
      a => a.startsWith('5') && !a.startsWith('503') && !a.startsWith('502'),
    );
    expect(bad).toEqual([]);
    return answers;
  };

  it('answers every route with an upstream down as 4xx or 503', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const backend = await startMlopsBackend({
      entities: [MODEL, trainingPipeline(), VIEW],
      mlopsConfig: {
        prometheus: { instances: [{ name: 'default', baseUrl: down }] },
        kubeflow: { instances: [{ name: 'default', baseUrl: down }] },
        feast: { instances: [{ name: 'default', baseUrl: down }] },
      },
      config: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [{ name: 'sandbox', url: down, skipTLSVerify: true }],
            },
          ],
        },
      },
    });
    try {
      const answers = await sweep(
        backend,
        operations.map(({ method, path }) => {
          const key = `${method} ${path}`;
          return {
            label: key,
            method,
            url: `${urlOf(path)}${
              GOOD_QUERY[key] ? `?${GOOD_QUERY[key]}` : ''
            }`,
            body: GOOD_BODY[key] ?? {
              reason: 'route sweep',
              comment: 'route sweep',
            },
          };
        }),
      );
      // The reads that depend on an upstream name it with a 503.
      expect(answers).toEqual(
        expect.arrayContaining([
          '503 get /v1/entities/{kind}/{namespace}/{name}/registry',
          '503 get /v1/entities/{kind}/{namespace}/{name}/health/series',
          '503 get /v1/entities/{kind}/{namespace}/{name}/serving',
          '503 get /v1/entities/{kind}/{namespace}/{name}/runs',
          '503 get /v1/entities/{kind}/{namespace}/{name}/feast',
          // The model card answers its text and says which facts it could not read.
          '200 get /v1/entities/{kind}/{namespace}/{name}/model-card',
        ]),
      );
    } finally {
      await backend.stop();
    }
    // One backend start and every route in turn, each upstream call failing fast: seconds on a loaded machine.
  }, 15_000);

  it('answers every route on a portal with no upstream configured as 4xx or 503', async () => {
    const backend = await startMlopsBackend({
      entities: [MODEL, trainingPipeline(), VIEW],
    });
    try {
      const answers = await sweep(
        backend,
        operations.map(({ method, path }) => {
          const key = `${method} ${path}`;
          return {
            label: key,
            method,
            url: `${urlOf(path)}${
              GOOD_QUERY[key] ? `?${GOOD_QUERY[key]}` : ''
            }`,
            body: GOOD_BODY[key] ?? {
              reason: 'route sweep',
              comment: 'route sweep',
            },
          };
        }),
      );
      expect(answers).toHaveLength(operations.length);
    } finally {
      await backend.stop();
    }
  });

  it('answers malformed path values with a 4xx, and junk queries and bodies never with a 500', async () => {
    const backend = await startMlopsBackend({
      entities: [MODEL, trainingPipeline(), VIEW],
    });
    try {
      const malformed = operations.flatMap(({ method, path }) => [
        {
          label: `${method} ${path} with a malformed name`,
          method,
          url: urlOf(path, { name: 'not a name!', kind: 'nokind', id: '%%' }),
          body: {},
        },
        {
          label: `${method} ${path} with junk query and body`,
          method,
          url: `${urlOf(
            path,
          )}?entityRef=not%20a%20ref&metric=x&range=forever&alias=!!&at=yesterday`,
          body: {
            entityRef: 'not a ref',
            version: 7,
            reason: ['x'],
            alias: {},
          },
        },
      ]);
      const answers = await sweep(backend, malformed);
      // A malformed path names nothing that exists: always a 4xx. Junk queries and bodies are refused (4xx), or
      // ignored by a route that takes none, which then answers as usual (sweep() has checked: never a 500).
      for (const answer of answers.filter(a => a.includes('malformed name'))) {
        expect(answer).toMatch(/^4\d\d /);
      }
      expect(
        answers.filter(a => a.includes('junk') && a.startsWith('4')).length,
      ).toBeGreaterThan(operations.length / 2);
    } finally {
      await backend.stop();
    }
  });
});
