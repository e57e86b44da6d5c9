import { Readable } from 'node:stream';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  isFeatureViewEntity,
  isModelEntity,
  MlopsSearchDocument,
} from '@mlops-portal/plugin-mlops-common';
import { setupServer } from 'msw/node';
import { demoCatalog } from './__testUtils__/demoCatalog';
import {
  demoMlopsState,
  MLOPS_TEST_BASE_URL,
  mlopsApiHandlers,
} from './__testUtils__/mlopsApiHandlers';
import { MlopsCollatorFactory } from './MlopsCollatorFactory';
import { MlopsFactsClient } from './MlopsFactsClient';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const searchToken = mockCredentials.service.token({
  onBehalfOf: mockCredentials.service('plugin:search'),
  targetPluginId: 'mlops',
});

async function collect(
  entities: Entity[],
  state = demoMlopsState(searchToken),
) {
  server.use(...mlopsApiHandlers(state));
  const logger = mockServices.logger.mock();
  const auth = mockServices.auth({ pluginId: 'search' });
  const factory = new MlopsCollatorFactory({
    auth,
    catalog: catalogServiceMock({ entities }),
    logger,
    facts: new MlopsFactsClient({
      auth,
      discovery: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('mlops');
          return MLOPS_TEST_BASE_URL;
        },
        getExternalBaseUrl: async () => {
          throw new Error('not used');
        },
      },
    }),
  });
  const documents: MlopsSearchDocument[] = [];
  for await (const document of (await factory.getCollator()) as Readable) {
    documents.push(document);
  }
  const byRef = (ref: string) => {
    const found = documents.find(d => d.entityRef === ref);
    if (!found) {
      throw new Error(`No document for ${ref}`);
    }
    return found;
  };
  return { documents, byRef, logger, state };
}

describe('MlopsCollatorFactory', () => {
  it('declares catalog read as the visibility permission of type mlops', () => {
    const factory = new MlopsCollatorFactory({} as any);
    expect(factory.type).toBe('mlops');
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
    expect(factory.visibilityPermission.resourceType).toBe('catalog-entity');
  });

  it('indexes every Model, Pipeline and FeatureView of the demo catalog, and nothing else', async () => {
    const catalog = demoCatalog();
    const { documents } = await collect(catalog);
    const mlopsRefs = catalog
      .filter(e => e.apiVersion === 'mlops.backstage.io/v1alpha1')
      .map(e => stringifyEntityRef(e))
      .sort();
    expect(mlopsRefs.length).toBeGreaterThanOrEqual(7);
    expect(documents.map(d => d.entityRef).sort()).toEqual(mlopsRefs);
    // A Lunr index knows only the first document's fields: every document carries all of them.
    const keys = Object.keys(documents[0]).sort();
    for (const document of documents) {
      expect(Object.keys(document).sort()).toEqual(keys);
    }
  });

  it("writes a Model's facts from its entity, its feature views and the mlops API", async () => {
    const catalog = demoCatalog();
    const model = catalog.find(
      e => isModelEntity(e) && e.metadata.name === 'fraud-detector',
    )!;
    const { byRef, state } = await collect(catalog);
    const doc = byRef('model:default/fraud-detector');
    expect(doc).toMatchObject({
      title: model.metadata.title,
      location: '/catalog/default/model/fraud-detector',
      authorization: { resourceRef: 'model:default/fraud-detector' },
      kind: 'Model',
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:default/fraud-ml',
      system: 'system:default/fraud-detection',
      framework: 'xgboost',
      championVersion: '4',
      challengerVersion: '6',
      health: 'warning',
      featureViews: [
        'featureview:default/customer-transactions',
        'featureview:default/merchant-risk',
      ],
      featureViewTitles: ['Customer transactions', 'Merchant risk'],
    });
    // The metrics the Model displays, in its titles and units; a slice metric it does not name is left out.
    expect(doc.championMetrics).toEqual([
      'AUC 0.924',
      'F1 0.79',
      'Precision at 1% FPR 64%',
      'p95 latency 36 ms',
    ]);
    expect(doc.challengerMetrics).toContain('AUC 0.936');
    // Its views' features, so searching a feature finds the Model.
    expect(doc.features).toEqual(
      expect.arrayContaining(['txn_amount_sum_24h', 'merchant_risk_score']),
    );
    expect(doc.text).toContain(model.metadata.description);
    expect(doc.text).toContain('txn_amount_sum_24h');
    expect(doc.text).toContain('Champion: version 4 AUC 0.924');
    expect(doc.text).toContain('Health: warning.');
    expect(state.requests).toEqual(
      expect.arrayContaining([
        '/api/mlops/v1/entities/Model/default/fraud-detector/registry',
        '/api/mlops/v1/entities/Model/default/fraud-detector/health',
      ]),
    );
  });

  it('names the first metrics a Model declares no display or gate for', async () => {
    const { byRef } = await collect(demoCatalog());
    // churn-predictor gates only on auc.
    expect(byRef('model:default/churn-predictor')).toMatchObject({
      championVersion: '2',
      championMetrics: ['auc 0.82'],
      challengerVersion: '3',
      health: 'ok',
      features: expect.arrayContaining(['tenure_days', 'logins_30d']),
    });
  });

  it("writes a FeatureView's features and a Pipeline's facts", async () => {
    const catalog = demoCatalog();
    const view = catalog.find(
      e =>
        isFeatureViewEntity(e) && e.metadata.name === 'customer-transactions',
    )!;
    const { byRef } = await collect(catalog);
    const doc = byRef('featureview:default/customer-transactions');
    expect(doc).toMatchObject({
      kind: 'FeatureView',
      location: '/catalog/default/featureview/customer-transactions',
      owner: 'group:default/data-platform',
      system: 'system:default/fraud-detection',
      health: '',
      championVersion: '',
      features: (view.spec as any).features.map((f: any) => f.name),
    });
    expect(doc.features).toContain('txn_amount_sum_24h');
    expect(doc.text).toContain(
      'txn_amount_sum_24h (Sum of authorised amounts in the last 24 hours)',
    );
    expect(byRef('pipeline:default/fraud-detector-training')).toMatchObject({
      kind: 'Pipeline',
      type: 'training',
      owner: 'group:default/fraud-ml',
      features: [],
      text: expect.stringContaining('Schedule: 0 0 3 * * *.'),
    });
  });

  it('indexes a Model whose registry or health cannot be read without those facts, and says so', async () => {
    const state = demoMlopsState(searchToken);
    state.down = {
      registry: ['model:default/fraud-detector'],
      health: ['model:default/fraud-detector', 'model:default/churn-predictor'],
    };
    const { byRef, logger } = await collect(demoCatalog(), state);
    expect(byRef('model:default/fraud-detector')).toMatchObject({
      championVersion: '',
      championMetrics: [],
      challengerVersion: '',
      health: '',
      framework: 'xgboost',
      features: expect.arrayContaining(['txn_amount_sum_24h']),
    });
    expect(byRef('model:default/churn-predictor')).toMatchObject({
      championVersion: '2',
      health: '',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Indexing model:default\/fraud-detector without its registry facts: .*503/,
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Indexing model:default\/churn-predictor without its health/,
      ),
    );
  });

  it('calls the mlops API as the search plugin, and indexes nothing from it when the token is refused', async () => {
    const state = demoMlopsState('a token the search plugin does not have');
    const { byRef, logger } = await collect(demoCatalog(), state);
    expect(byRef('model:default/fraud-detector').championVersion).toBe('');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/401/));
  });
});
