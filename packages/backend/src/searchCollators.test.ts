import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import { resolve } from 'node:path';

jest.setTimeout(60_000);

// Test code runs from source, so __dirname is this file's folder (the rule guards bundled backends).
// eslint-disable-next-line no-restricted-syntax
const appConfig = resolve(__dirname, '..', '..', '..', 'app-config.yaml');

const entity = (kind: string, name: string, description: string) => ({
  apiVersion: ['Model', 'Pipeline', 'FeatureView'].includes(kind)
    ? 'mlops.backstage.io/v1alpha1'
    : 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', description },
  spec: {},
});

/*
 * The catalog's search collator as app-config.yaml configures it: Models, Pipelines and FeatureViews are the mlops
 * collator's (type `mlops`), so the catalog's must leave them out, or the search page's "All" shows each twice.
 */
describe("the catalog's search collator with the portal's app-config", () => {
  it('indexes every kind but Model, Pipeline and FeatureView', async () => {
    const tasks = new Map<string, () => Promise<void>>();
    const backend = await startTestBackend({
      features: [
        searchPlugin,
        searchModuleCatalogCollator,
        catalogServiceMock.factory({
          entities: [
            entity('Model', 'fraud-detector', 'Scores fraud'),
            entity('Pipeline', 'fraud-training', 'Trains the fraud model'),
            entity('FeatureView', 'fraud-features', 'Features for fraud'),
            entity('Component', 'fraud-scoring-service', 'Serves fraud'),
            entity('Group', 'fraud-ml', 'The fraud team'),
            entity('System', 'fraud-detection', 'Everything fraud'),
          ],
        }),
        rootConfigServiceFactory({
          argv: ['node', 'backend', '--config', appConfig],
          watch: false,
        }),
        // Every user may read every entity: what is indexed is the question here, not who finds it.
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.scheduler.mock({
          createScheduledTaskRunner: () => ({
            run: async task => {
              tasks.set(task.id, async () => {
                await task.fn(new AbortController().signal);
              });
            },
          }),
        }).factory,
      ],
    });
    try {
      const index = tasks.get('search_index_software_catalog');
      if (!index) {
        throw new Error(`No catalog index task among ${[...tasks.keys()]}`);
      }
      await index();
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/search/query?term=fraud`,
        { headers: { Authorization: mockCredentials.user.header() } },
      );
      expect(response.status).toBe(200);
      const body: {
        results: Array<{ type: string; document: { location: string } }>;
      } = await response.json();
      expect(body.results.map(r => r.type)).toEqual(
        body.results.map(() => 'software-catalog'),
      );
      expect(body.results.map(r => r.document.location).sort()).toEqual([
        '/catalog/default/component/fraud-scoring-service',
        '/catalog/default/group/fraud-ml',
        '/catalog/default/system/fraud-detection',
      ]);
    } finally {
      await backend.stop();
    }
  });
});
