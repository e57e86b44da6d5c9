// The test runs in Node and reads the docs it holds to the plugin.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'path';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AppTree,
  appTreeApiRef,
  coreExtensionData,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import {
  exampleFeatureView,
  exampleModel,
  examplePipeline,
  withRelations,
} from './__testUtils__/exampleEntities';
import {
  exampleFeatureViewStatus,
  exampleLiveServing,
  exampleRegistry,
} from './__testUtils__/exampleMlopsData';
import mlopsPlugin from './alpha';

/** The plugin's extension IDs as a type: a table naming one the plugin lacks does not compile. */
type MlopsExtensionId = Parameters<typeof mlopsPlugin.getExtension>[0];

const model = exampleModel();
const entities: Record<string, Entity> = {
  Model: model,
  Pipeline: examplePipeline(),
  FeatureView: exampleFeatureView(),
  'serving Component': withRelations(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'fraud-scoring-service' },
      spec: { type: 'service', lifecycle: 'production', owner: 'ml-team' },
    },
    [[RELATION_DEPENDENCY_OF, stringifyEntityRef(model)]],
  ),
  Component: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout' },
    spec: { type: 'service', lifecycle: 'production', owner: 'web-team' },
  },
  // The kind's name without the portal's apiVersion is not ours.
  'Model of another apiVersion': { ...model, apiVersion: 'example.com/v1' },
};

/** The tabs as the legacy EntityPage lays them out (mlopsEntityPages.tsx), with the group each is in. */
const contents: Array<{
  id: MlopsExtensionId;
  path: string;
  title: string;
  group: string;
  kinds: string[];
}> = [
  {
    id: 'entity-content:mlops/model-registry',
    path: '/registry',
    title: 'Registry',
    group: 'development',
    kinds: ['Model'],
  },
  {
    id: 'entity-content:mlops/model-deployment',
    path: '/deployment',
    title: 'Deployment',
    group: 'deployment',
    kinds: ['Model'],
  },
  {
    id: 'entity-content:mlops/model-monitoring',
    path: '/monitoring',
    title: 'Monitoring',
    group: 'observability',
    kinds: ['Model'],
  },
  {
    id: 'entity-content:mlops/pipeline-runs',
    path: '/runs',
    title: 'Runs',
    group: 'development',
    kinds: ['Pipeline'],
  },
];

/** The overview cards in their order; `type` undefined shows as content. */
const cards: Array<{
  id: MlopsExtensionId;
  kinds: string[];
  type?: 'content' | 'info';
}> = [
  { id: 'entity-card:mlops/model-champion', kinds: ['Model'] },
  { id: 'entity-card:mlops/model-card', kinds: ['Model'] },
  { id: 'entity-card:mlops/model-overview', kinds: ['Model'] },
  { id: 'entity-card:mlops/model-health', kinds: ['Model'] },
  { id: 'entity-card:mlops/pipeline-overview', kinds: ['Pipeline'] },
  { id: 'entity-card:mlops/feature-view-overview', kinds: ['FeatureView'] },
  { id: 'entity-card:mlops/feature-view-feast', kinds: ['FeatureView'] },
  {
    id: 'entity-card:mlops/feature-view-features',
    kinds: ['FeatureView'],
    type: 'content',
  },
  {
    id: 'entity-card:mlops/ml-lineage',
    kinds: ['Model', 'Pipeline', 'FeatureView', 'serving Component'],
    type: 'content',
  },
];

/** The search page's extensions: the result item and the result type "ML". */
const searchExtensions = [
  'search-result-list-item:mlops',
  'search-filter-result-type:mlops',
];

const documentedIds = [
  'api:mlops',
  ...contents.map(c => c.id),
  ...cards.map(c => c.id),
  ...searchExtensions,
];

const idsIn = (text: string) =>
  Array.from(
    new Set(
      text.match(
        /\b(?:api|entity-content|entity-card|search-result-list-item|search-filter-result-type):mlops(?:\/[a-z-]+)?/g,
      ),
    ),
  ).sort();

/** The app tree of a test app holding the plugin, as the app resolved it (config applied). */
function mlopsNodesOf(config?: object) {
  let tree: AppTree | undefined;
  function TreeProbe() {
    tree = useApi(appTreeApiRef).getTree().tree;
    return null;
  }
  renderInTestApp(<TreeProbe />, {
    features: [mlopsPlugin],
    config: config && {
      app: { baseUrl: 'http://localhost:3000' },
      backend: { baseUrl: 'http://localhost:7007' },
      ...config,
    },
  });
  return Array.from(tree!.nodes.values()).filter(
    node => node.spec.plugin?.pluginId === 'mlops',
  );
}

describe('the mlops plugin for the new frontend system', () => {
  it('holds exactly the documented extensions, tabs on the entity page and cards on its overview', () => {
    const nodes = mlopsNodesOf();
    expect(nodes.map(n => n.spec.id)).toEqual(documentedIds);
    const attachPoints: Record<string, { id: string; input: string }> = {
      'entity-content': { id: 'page:catalog/entity', input: 'contents' },
      'entity-card': { id: 'entity-content:catalog/overview', input: 'cards' },
      'search-result-list-item': { id: 'page:search', input: 'items' },
      'search-filter-result-type': { id: 'page:search', input: 'resultTypes' },
    };
    const tabsAndCards = nodes.filter(n => !n.spec.id.startsWith('api:'));
    expect(tabsAndCards.map(n => [n.spec.id, n.spec.attachTo])).toEqual(
      documentedIds
        .filter(id => !id.startsWith('api:'))
        .map(id => [id, attachPoints[id.split(':')[0]]]),
    );
    expect(nodes.filter(n => n.spec.disabled).map(n => n.spec.id)).toEqual([]);
  });

  it('is documented with the same extension IDs in alpha.tsx and in the README', () => {
    const alphaHeader = readFileSync(
      resolve(__dirname, 'alpha.tsx'),
      'utf8',
    ).split('*/')[0];
    const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
    const section = readme.split(/^## New frontend system$/m)[1];
    expect(section).toBeDefined();
    const sortedIds = [...documentedIds].sort();
    expect(idsIn(alphaHeader)).toEqual(sortedIds);
    expect(idsIn(section.split(/^## /m)[0])).toEqual(sortedIds);
  });

  it('is switched off, configured and ordered through app.extensions as the README says', () => {
    const nodes = mlopsNodesOf({
      app: {
        extensions: [
          { 'entity-content:mlops/model-monitoring': false },
          {
            'entity-content:mlops/pipeline-runs': {
              config: { title: 'Kubeflow runs', group: 'operation' },
            },
          },
          'entity-card:mlops/ml-lineage',
        ],
      },
    });
    const byId = new Map(nodes.map(n => [n.spec.id, n]));
    expect(
      byId.get('entity-content:mlops/model-monitoring')!.spec.disabled,
    ).toBe(true);
    expect(byId.get('entity-content:mlops/pipeline-runs')!.spec.config).toEqual(
      { title: 'Kubeflow runs', group: 'operation' },
    );
    // Extensions named in config come first, in the config's order: the lineage card before the other cards.
    const cardIds = nodes
      .map(n => n.spec.id)
      .filter(id => id.startsWith('entity-card:'));
    expect(cardIds[0]).toBe('entity-card:mlops/ml-lineage');
    expect(cardIds).toHaveLength(cards.length);
  });

  it('takes a filter from app-config in place of its own, as the README says', () => {
    const filter = createExtensionTester(
      mlopsPlugin.getExtension('entity-content:mlops/model-deployment'),
      { config: { filter: { kind: 'model' } } },
    ).get(EntityContentBlueprint.dataRefs.filterFunction)!;
    // The built-in predicate checks the apiVersion too; the configured one does not.
    expect(filter(entities['Model of another apiVersion'])).toBe(true);
    expect(filter(entities.Pipeline)).toBe(false);
  });

  describe.each(contents)('$id', content => {
    const tester = () =>
      createExtensionTester(mlopsPlugin.getExtension(content.id));

    it(`is the "${content.title}" tab at ${content.path} in group ${content.group}`, () => {
      const t = tester();
      expect(t.get(coreExtensionData.routePath)).toBe(content.path);
      expect(t.get(EntityContentBlueprint.dataRefs.title)).toBe(content.title);
      expect(t.get(EntityContentBlueprint.dataRefs.group)).toBe(content.group);
    });

    it(`shows on ${content.kinds.join(', ')} only`, () => {
      const filter = tester().get(
        EntityContentBlueprint.dataRefs.filterFunction,
      );
      expect(filter).toBeDefined();
      for (const [name, entity] of Object.entries(entities)) {
        expect({ [name]: filter!(entity) }).toEqual({
          [name]: content.kinds.includes(name),
        });
      }
    });

    it('takes title, path and group from app-config', () => {
      const t = createExtensionTester(mlopsPlugin.getExtension(content.id), {
        config: { title: 'Renamed', path: '/renamed', group: 'operation' },
      });
      expect(t.get(coreExtensionData.routePath)).toBe('/renamed');
      expect(t.get(EntityContentBlueprint.dataRefs.title)).toBe('Renamed');
      expect(t.get(EntityContentBlueprint.dataRefs.group)).toBe('operation');
    });
  });

  describe.each(cards)('$id', card => {
    it(`shows on ${card.kinds.join(', ')} only, as ${
      card.type ?? 'untyped'
    }`, () => {
      const tester = createExtensionTester(mlopsPlugin.getExtension(card.id));
      const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
      expect(filter).toBeDefined();
      for (const [name, entity] of Object.entries(entities)) {
        expect({ [name]: filter!(entity) }).toEqual({
          [name]: card.kinds.includes(name),
        });
      }
      expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe(card.type);
    });
  });
});

describe('the extensions rendered in a new-frontend-system app, against the mlops backend over HTTP', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const mlops = 'http://localhost:7007/api/mlops/v1';
  const token = 'amira-token';
  const entityPath = (entity: Entity) => {
    const { kind, namespace, name } = parseEntityRef(
      stringifyEntityRef(entity),
    );
    return `${mlops}/entities/${kind}/${namespace}/${name}`;
  };
  /** Answers only a request made with the signed-in user's token, i.e. through the app's fetchApi. */
  const signedIn =
    (answer: (request: Request) => object) =>
    ({ request }: { request: Request }) =>
      request.headers.get('authorization') === `Bearer ${token}`
        ? HttpResponse.json(answer(request))
        : HttpResponse.json(
            { error: { name: 'AuthenticationError', message: 'no token' } },
            { status: 401 },
          );

  /** An extension's element inside the entity's page, the mlops API coming from the plugin's own `api:mlops`. */
  const renderExtension = (id: MlopsExtensionId, entity: Entity) => {
    const element: ReactElement = createExtensionTester(
      mlopsPlugin.getExtension(id),
    ).reactElement();
    return renderInTestApp(
      // usePermission caches decisions in SWR; a fresh cache keeps renders from seeing each other's.
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={entity}>{element}</EntityProvider>
      </SWRConfig>,
      {
        features: [mlopsPlugin],
        apis: [
          mockApis.identity({
            userEntityRef: 'user:default/amira.haddad',
            token,
          }),
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      },
    );
  };

  it('shows the Deployment tab of a Model: no rollout yet, the challenger ready to roll out', async () => {
    const rolloutQueries: Array<string | null> = [];
    server.use(
      http.get(
        `${mlops}/rollouts`,
        signedIn(request => {
          rolloutQueries.push(
            new URL(request.url).searchParams.get('entityRef'),
          );
          return { items: [] };
        }),
      ),
      http.get(`${entityPath(model)}/registry`, signedIn(exampleRegistry)),
      http.get(`${entityPath(model)}/serving`, signedIn(exampleLiveServing)),
    );
    renderExtension('entity-content:mlops/model-deployment', model);

    expect(
      await screen.findByText('No rollout of this model yet.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Roll out challenger v2' }),
      ).toBeEnabled(),
    );
    expect(rolloutQueries[0]).toBe(stringifyEntityRef(model));
  });

  it('shows the Feast card of a FeatureView with its staleness warning', async () => {
    const featureView = exampleFeatureView();
    server.use(
      http.get(
        `${entityPath(featureView)}/feast`,
        signedIn(exampleFeatureViewStatus),
      ),
    );
    renderExtension('entity-card:mlops/feature-view-feast', featureView);

    expect(
      await screen.findByText(/Stale: the online store is older than the TTL/),
    ).toBeInTheDocument();
    expect(screen.getByText('merchant_id (STRING)')).toBeInTheDocument();
  });
});
