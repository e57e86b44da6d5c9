import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { demoCatalog } from './__testUtils__/demoCatalog';
import {
  demoMlopsState,
  MLOPS_TEST_BASE_URL,
  mlopsApiHandlers,
} from './__testUtils__/mlopsApiHandlers';
import { searchModuleMlopsCollator } from './module';

type Decision = Awaited<ReturnType<PermissionsService['authorize']>>[number];
type ConditionalDecision = Awaited<
  ReturnType<PermissionsService['authorizeConditional']>
>[number];
// The enum's values as the permission framework sends them (its package is not a dependency here).
const ALLOW = 'ALLOW' as unknown as Decision['result'];
const DENY = 'DENY' as unknown as Decision['result'];
const CONDITIONAL = 'CONDITIONAL' as unknown as ConditionalDecision['result'];

/** Someone outside the fraud team, whom the catalog's policy does not let read the fraud model. */
const TOM = 'user:default/tom.okafor';
const AMIRA = 'user:default/amira.haddad';
const HIDDEN_FROM_TOM = 'model:default/fraud-detector';

const server = setupServer(
  // The test backend itself, on this machine.
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/, () =>
    passthrough(),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const userOf = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

/**
 * Starts the search backend with its default Lunr engine and this module over the demo catalog, runs the mlops
 * collator once and returns the backend. Catalog read is conditional for users, as the catalog's policies make
 * it: the search backend then asks per document, and Tom may not read fraud-detector.
 */
async function startSearch() {
  server.use(
    ...mlopsApiHandlers(
      demoMlopsState(
        mockCredentials.service.token({
          onBehalfOf: mockCredentials.service('plugin:search'),
          targetPluginId: 'mlops',
        }),
      ),
    ),
  );
  const tasks = new Map<string, () => Promise<void>>();
  const backend = await startTestBackend({
    features: [
      searchPlugin,
      searchModuleMlopsCollator,
      catalogServiceMock.factory({ entities: demoCatalog() }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          search: {
            collators: {
              mlops: {
                schedule: {
                  frequency: { minutes: 1 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => ({
          getBaseUrl: async (pluginId: string) =>
            pluginId === 'mlops'
              ? MLOPS_TEST_BASE_URL
              : `http://${pluginId}.test/api/${pluginId}`,
          getExternalBaseUrl: async (pluginId: string) =>
            `http://${pluginId}.test/api/${pluginId}`,
        }),
      }),
      mockServices.scheduler.mock({
        createScheduledTaskRunner: () => ({
          run: async task => {
            tasks.set(task.id, async () => {
              await task.fn(new AbortController().signal);
            });
          },
        }),
      }).factory,
      mockServices.permissions.mock({
        authorizeConditional: async (requests, { credentials }) =>
          requests.map(({ permission }) =>
            userOf(credentials)
              ? {
                  result: CONDITIONAL,
                  pluginId: 'catalog',
                  resourceType: 'catalog-entity',
                  conditions: {
                    rule: 'IS_ENTITY_OWNER',
                    resourceType: 'catalog-entity',
                    params: { claims: [] },
                  },
                }
              : {
                  result:
                    permission.name === 'catalog.entity.read' ? ALLOW : DENY,
                },
          ) as ConditionalDecision[],
        authorize: async (requests, { credentials }) =>
          requests.map(r => ({
            result:
              userOf(credentials) === TOM &&
              'resourceRef' in r &&
              r.resourceRef === HIDDEN_FROM_TOM
                ? DENY
                : ALLOW,
          })) as Decision[],
      }).factory,
    ],
  });
  const index = tasks.get('search_index_mlops');
  if (!index) {
    throw new Error(`No mlops index task among ${[...tasks.keys()]}`);
  }
  await index();
  /** `GET /api/search/query` as the search page sends it (`types[0]=…`, `filters[kind]=…`). */
  const search = async (
    user: string,
    query: { term: string; types?: string[]; filters?: Record<string, string> },
  ) => {
    const params = new URLSearchParams({ term: query.term });
    (query.types ?? []).forEach((type, i) =>
      params.append(`types[${i}]`, type),
    );
    Object.entries(query.filters ?? {}).forEach(([key, value]) =>
      params.append(`filters[${key}]`, value),
    );
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/search/query?${params}`,
      { headers: { Authorization: mockCredentials.user.header(user) } },
    );
    return { status: response.status, body: await response.json() };
  };
  return { backend, search };
}

const refsOf = (body: {
  results: Array<{ document: { entityRef: string } }>;
}) => body.results.map(r => r.document.entityRef).sort();

describe('search with the mlops collator', () => {
  it("finds a feature's view and the Models consuming it, only where the user may read them", async () => {
    const { backend, search } = await startSearch();
    try {
      const amira = await search(AMIRA, { term: 'txn_amount_sum_24h' });
      expect(amira.status).toBe(200);
      // Lunr splits the name into words and also matches near words (`sum` ~ `auc`) in other documents, but the
      // view and its consumer match every word, in their features, and rank first.
      const [first, second] = amira.body.results;
      expect([first, second].map(r => r.document.entityRef).sort()).toEqual([
        'featureview:default/customer-transactions',
        'model:default/fraud-detector',
      ]);
      for (const result of [first, second]) {
        // The feature's name, each of its words highlighted.
        expect(result.highlight.fields.text).toMatch(
          /txn<\/[^>]+>_<[^>]+>amount<\/[^>]+>_<[^>]+>sum<\/[^>]+>_<[^>]+>24h/,
        );
      }
      expect(
        amira.body.results.find(
          (r: any) => r.document.entityRef === 'model:default/fraud-detector',
        ),
      ).toMatchObject({
        type: 'mlops',
        document: {
          kind: 'Model',
          championVersion: '4',
          health: 'warning',
          location: '/catalog/default/model/fraud-detector',
        },
      });
      const churnFeature = await search(AMIRA, { term: 'tenure_days' });
      expect(
        churnFeature.body.results
          .slice(0, 2)
          .map((r: any) => r.document.entityRef)
          .sort(),
      ).toEqual([
        'featureview:default/customer-profile',
        'model:default/churn-predictor',
      ]);

      const tom = await search(TOM, { term: 'txn_amount_sum_24h' });
      expect(tom.status).toBe(200);
      expect(tom.body.results[0].document.entityRef).toBe(
        'featureview:default/customer-transactions',
      );
      expect(refsOf(tom.body)).not.toContain(HIDDEN_FROM_TOM);
      // Not by its name either.
      const byName = await search(TOM, { term: 'fraud detector' });
      expect(refsOf(byName.body)).not.toContain(HIDDEN_FROM_TOM);
      expect(
        refsOf((await search(AMIRA, { term: 'fraud detector' })).body),
      ).toContain(HIDDEN_FROM_TOM);
    } finally {
      await backend.stop();
    }
  });

  it('filters by kind, framework, owner and health as the search page sends them', async () => {
    const { backend, search } = await startSearch();
    try {
      const filtered = async (filters: Record<string, string>) =>
        refsOf(
          (await search(AMIRA, { term: '', types: ['mlops'], filters })).body,
        );
      expect(await filtered({ kind: 'Model' })).toEqual([
        'model:default/churn-predictor',
        'model:default/fraud-detector',
      ]);
      expect(await filtered({ framework: 'lightgbm' })).toEqual([
        'model:default/churn-predictor',
      ]);
      expect(await filtered({ health: 'warning' })).toEqual([
        'model:default/fraud-detector',
      ]);
      expect(
        await filtered({
          kind: 'FeatureView',
          owner: 'group:default/data-platform',
        }),
      ).toEqual([
        'featureview:default/customer-profile',
        'featureview:default/customer-transactions',
        'featureview:default/merchant-risk',
      ]);
      expect(await filtered({ owner: 'group:default/growth-ml' })).toEqual([
        'model:default/churn-predictor',
        'pipeline:default/churn-scoring',
        'pipeline:default/churn-training',
      ]);
    } finally {
      await backend.stop();
    }
  });
});
