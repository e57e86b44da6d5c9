import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import {
  eventually,
  repoRoot,
  startCatalogBackend,
} from './__testUtils__/catalogBackend';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

// The real catalog backend, with our module, serving the example entities, on SQLite and PostgreSQL.
const databases = createTestDatabases();

const relationsOf = (entity: Entity) =>
  (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

describe.each(databases.eachSupportedId())(
  'catalog with MLOps kinds on %s',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startCatalogBackend>>;

    beforeAll(async () => {
      backend = await startCatalogBackend(await databases.init(databaseId));
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const getEntity = async (ref: string) => {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      const res = await request(backend.server).get(
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
      if (res.status !== 200) {
        throw new Error(`${ref}: ${res.status}`);
      }
      return res.body as Entity;
    };

    it('serves the example models with their relations through by-query', async () => {
      const models = await eventually(async () => {
        const res = await request(backend.server).get(
          '/api/catalog/entities/by-query?filter=kind=model&orderField=metadata.name,asc',
        );
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(3);
        // Inverse relations are stitched onto the model after its relatives are processed.
        expect(relationsOf(res.body.items[1])).toContain(
          'trainedBy pipeline:default/fraud-detector-training',
        );
        return res.body.items as Entity[];
      });
      expect(models.map(m => m.metadata.name)).toEqual([
        'churn-predictor',
        'fraud-detector',
        // Discovered in the sandbox's MLflow: written in no YAML.
        'transaction-anomaly-detector',
      ]);
      expect(relationsOf(models[1])).toEqual([
        'consumesFeatures featureview:default/customer-transactions',
        'consumesFeatures featureview:default/merchant-risk',
        'dependsOn component:default/fraud-scoring-service',
        'ownedBy group:default/fraud-ml',
        'partOf system:default/fraud-detection',
        'trainedBy pipeline:default/fraud-detector-training',
      ]);
    });

    it('stores the inverse relations on the pipeline, feature views, component, system and owner', async () => {
      await eventually(async () => {
        expect(
          relationsOf(
            await getEntity('pipeline:default/fraud-detector-training'),
          ),
        ).toEqual([
          'ownedBy group:default/fraud-ml',
          'partOf system:default/fraud-detection',
          'trains model:default/fraud-detector',
        ]);
        expect(
          relationsOf(await getEntity('featureview:default/merchant-risk')),
        ).toEqual([
          'featuresConsumedBy model:default/fraud-detector',
          'ownedBy group:default/data-platform',
          'partOf system:default/fraud-detection',
        ]);
        expect(
          relationsOf(
            await getEntity('component:default/fraud-scoring-service'),
          ),
        ).toContain('dependencyOf model:default/fraud-detector');
        // TechDocs resolves the service's `dir:` docs beside the file the catalog read it from
        // (packages/backend/src/techdocs.test.ts builds them from these annotations).
        expect(
          (await getEntity('component:default/fraud-scoring-service')).metadata
            .annotations,
        ).toMatchObject({
          'backstage.io/managed-by-location': `file:${repoRoot}/examples/fraud-detection.yaml`,
          'backstage.io/techdocs-ref': 'dir:./fraud-scoring-service',
        });
        expect(
          relationsOf(await getEntity('system:default/fraud-detection')),
        ).toEqual(
          expect.arrayContaining([
            'hasPart model:default/fraud-detector',
            'hasPart pipeline:default/fraud-detector-training',
            'hasPart featureview:default/customer-transactions',
          ]),
        );
        expect(relationsOf(await getEntity('group:default/fraud-ml'))).toEqual(
          expect.arrayContaining(['ownerOf model:default/fraud-detector']),
        );
      });
    });

    it('holds each demo entity once: YAML for what no upstream knows, the providers for the rest', async () => {
      const refsOf = async () => {
        const res = await request(backend.server).get(
          '/api/catalog/entities?fields=kind,metadata.namespace,metadata.name,metadata.annotations',
        );
        return (res.body as Entity[])
          .filter(e => !['Location', 'Template'].includes(e.kind))
          .map(e => ({
            ref: `${e.kind.toLocaleLowerCase('en-US')}:${
              e.metadata.namespace
            }/${e.metadata.name}`,
            source: e.metadata.annotations?.['mlops.backstage.io/source'],
          }));
      };
      const byRef = await eventually(async () => {
        const entities = await refsOf();
        const refs = entities.map(e => e.ref);
        expect(new Set(refs).size).toBe(refs.length);
        expect(refs).toEqual(
          expect.arrayContaining([
            'pipeline:default/churn-scoring',
            'featureview:default/customer-profile',
            'model:default/transaction-anomaly-detector',
          ]),
        );
        return Object.fromEntries(entities.map(e => [e.ref, e.source]));
      });
      // Where each comes from: the examples (no source) or an upstream (its instance).
      expect(
        Object.fromEntries(
          Object.entries(byRef).filter(
            ([ref]) => !/^(group|user):|invalid|wrong|future/.test(ref),
          ),
        ),
      ).toEqual({
        'system:default/fraud-detection': undefined,
        'system:default/customer-growth': undefined,
        'component:default/fraud-scoring-service': undefined,
        'component:default/churn-batch-scorer': undefined,
        // Written in YAML (serving, gates, monitoring): they win over the registry's twins.
        'model:default/fraud-detector': undefined,
        'model:default/churn-predictor': undefined,
        'model:default/transaction-anomaly-detector': 'mlflow:default',
        'pipeline:default/fraud-detector-training': 'kubeflow:default',
        'pipeline:default/churn-training': 'kubeflow:default',
        'pipeline:default/churn-scoring': 'kubeflow:default',
        'featureview:default/customer-transactions': 'feast:default',
        'featureview:default/merchant-risk': 'feast:default',
        'featureview:default/customer-profile': 'feast:default',
      });
      // What the pages show of the ingested ones.
      const pipeline = await getEntity(
        'pipeline:default/fraud-detector-training',
      );
      expect(pipeline.metadata.title).toBe('Fraud detector training');
      expect(pipeline.spec).toMatchObject({
        type: 'training',
        lifecycle: 'production',
        schedule: '0 0 3 * * *',
      });
      expect(
        (await getEntity('pipeline:default/churn-scoring')).spec,
      ).toMatchObject({ type: 'batch-inference', lifecycle: 'experimental' });
      expect(
        (await getEntity('featureview:default/customer-transactions')).metadata
          .title,
      ).toBe('Customer transactions');
    });

    it('offers the new kinds to the catalog kind filter', async () => {
      // Counted once every example is in: three models (one discovered), the training pipelines and churn's
      // scoring pipeline, three feature views.
      await eventually(async () => {
        const r = await request(backend.server).get(
          '/api/catalog/entity-facets?facet=kind',
        );
        const counts = Object.fromEntries(
          r.body.facets.kind.map((f: { value: string; count: number }) => [
            f.value,
            f.count,
          ]),
        );
        expect(counts).toMatchObject({
          Model: 3,
          Pipeline: 3,
          FeatureView: 3,
        });
      });
    });

    it('rejects invalid entities with errors naming the field, and keeps their neighbours', async () => {
      // Entities that never processed successfully are listed as "pending" with their errors by the
      // unprocessed-entities module (the catalog's "Unprocessed entities" page reads the same route).
      type Unprocessed = {
        unprocessed_entity: Entity;
        errors?: Array<{ name: string; message: string }>;
      };
      const failed = await eventually(async () => {
        const res = await request(backend.server).get(
          '/api/catalog/entities/unprocessed/pending',
        );
        expect(res.status).toBe(200);
        const withErrors = (res.body.entities as Unprocessed[]).filter(
          e => e.errors?.length,
        );
        expect(withErrors).toHaveLength(3);
        return withErrors;
      });
      const errorsByRef = Object.fromEntries(
        failed.map(f => [
          `${f.unprocessed_entity.kind.toLocaleLowerCase('en-US')}:default/${
            f.unprocessed_entity.metadata.name
          }`,
          f.errors!.map(e => `${e.name}: ${e.message}`).join('\n'),
        ]),
      );
      expect(errorsByRef['model:default/model-without-owner']).toMatch(
        /InputError: .*Invalid Model "model-without-owner": \/spec must have required property 'owner'/,
      );
      expect(errorsByRef['pipeline:default/pipeline-with-wrong-types']).toMatch(
        /\/spec\/kubeflow must be object/,
      );
      expect(
        errorsByRef['featureview:default/feature-view-from-the-future'],
      ).toMatch(/\/apiVersion "mlops.backstage.io\/v9" is not supported/);

      for (const ref of Object.keys(errorsByRef)) {
        const [kind, rest] = ref.split(':');
        const res = await request(backend.server).get(
          `/api/catalog/entities/by-name/${kind}/${rest}`,
        );
        expect(res.status).toBe(404);
      }
      await eventually(async () => {
        expect(
          (await getEntity('component:default/unaffected-neighbour')).metadata
            .name,
        ).toBe('unaffected-neighbour');
      });
    });
  },
);
