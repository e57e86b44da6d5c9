import { Entity } from '@backstage/catalog-model';
import {
  featureViewEntityV1alpha1Schema,
  modelEntityV1alpha1Schema,
  pipelineEntityV1alpha1Schema,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsEntitiesProcessor } from './MlopsEntitiesProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};
const clone = (e: unknown): Entity => JSON.parse(JSON.stringify(e));
const model = () => clone(modelEntityV1alpha1Schema.examples[0]);
const pipeline = () => clone(pipelineEntityV1alpha1Schema.examples[0]);
const featureView = () => clone(featureViewEntityV1alpha1Schema.examples[0]);

async function relationsOf(entity: Entity) {
  const emit = jest.fn();
  await new MlopsEntitiesProcessor().postProcessEntity(entity, location, emit);
  return emit.mock.calls.map(([result]) => {
    expect(result.type).toBe('relation');
    const { source, type, target } = result.relation;
    const ref = (r: { kind: string; namespace: string; name: string }) =>
      `${r.kind.toLocaleLowerCase('en-US')}:${r.namespace}/${r.name}`;
    return `${ref(source)} ${type} ${ref(target)}`;
  });
}

describe('MlopsEntitiesProcessor', () => {
  const processor = new MlopsEntitiesProcessor();

  describe('validateEntityKind', () => {
    it.each([model(), pipeline(), featureView()].map(e => [e.kind, e]))(
      'claims a valid %s',
      async (_kind, entity) => {
        await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
      },
    );

    it('leaves built-in kinds alone', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'x' },
          spec: { type: 'service', owner: 'me', lifecycle: 'production' },
        }),
      ).resolves.toBe(false);
    });

    it('rejects a Model without owner with an error naming the entity and the field', async () => {
      const entity = model();
      delete entity.spec!.owner;
      await expect(processor.validateEntityKind(entity)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid Model "fraud-detector": .*\/spec must have required property 'owner'/,
        ),
      });
    });

    it('rejects a wrongly typed field, naming its path', async () => {
      const entity = featureView();
      (entity.spec as any).online = 'yes';
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /\/spec\/online must be boolean/,
      );
    });

    it('rejects an unknown version of its own API group', async () => {
      const entity = {
        ...pipeline(),
        apiVersion: 'mlops.backstage.io/v1beta9',
      };
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /\/apiVersion "mlops.backstage.io\/v1beta9" is not supported; use "mlops.backstage.io\/v1alpha1"/,
      );
    });

    it('does not claim a kind named Model from another API group', async () => {
      const entity = { ...model(), apiVersion: 'example.com/v1' };
      await expect(processor.validateEntityKind(entity)).resolves.toBe(false);
    });
  });

  describe('postProcessEntity', () => {
    it('relates a Model to owner, system, pipeline, feature views and serving component, both ways', async () => {
      const entity = model();
      entity.metadata.namespace = 'ml';
      (entity.spec as any).featureViews.push(
        'featureview:shared/merchant-risk',
      );
      expect(await relationsOf(entity)).toEqual([
        'model:ml/fraud-detector ownedBy group:ml/ml-fraud',
        'group:ml/ml-fraud ownerOf model:ml/fraud-detector',
        'model:ml/fraud-detector partOf system:ml/fraud-detection',
        'system:ml/fraud-detection hasPart model:ml/fraud-detector',
        'model:ml/fraud-detector trainedBy pipeline:ml/fraud-detector-training',
        'pipeline:ml/fraud-detector-training trains model:ml/fraud-detector',
        'model:ml/fraud-detector consumesFeatures featureview:ml/customer-transactions',
        'featureview:ml/customer-transactions featuresConsumedBy model:ml/fraud-detector',
        'model:ml/fraud-detector consumesFeatures featureview:shared/merchant-risk',
        'featureview:shared/merchant-risk featuresConsumedBy model:ml/fraud-detector',
        'model:ml/fraud-detector dependsOn component:ml/fraud-scoring-service',
        'component:ml/fraud-scoring-service dependencyOf model:ml/fraud-detector',
      ]);
    });

    it('defaults short references: owners to groups, pipelines, feature views and components to their kinds', async () => {
      const entity = model();
      entity.spec = {
        type: 'regression',
        lifecycle: 'experimental',
        owner: 'jane',
        trainedBy: 'train-it',
        featureViews: ['fv'],
        serving: { platform: 'kserve', component: 'svc' },
      };
      expect(await relationsOf(entity)).toEqual([
        'model:default/fraud-detector ownedBy group:default/jane',
        'group:default/jane ownerOf model:default/fraud-detector',
        'model:default/fraud-detector trainedBy pipeline:default/train-it',
        'pipeline:default/train-it trains model:default/fraud-detector',
        'model:default/fraud-detector consumesFeatures featureview:default/fv',
        'featureview:default/fv featuresConsumedBy model:default/fraud-detector',
        'model:default/fraud-detector dependsOn component:default/svc',
        'component:default/svc dependencyOf model:default/fraud-detector',
      ]);
    });

    it('relates a Pipeline to the models it trains', async () => {
      expect(await relationsOf(pipeline())).toEqual([
        'pipeline:default/fraud-detector-training ownedBy group:default/ml-fraud',
        'group:default/ml-fraud ownerOf pipeline:default/fraud-detector-training',
        'pipeline:default/fraud-detector-training partOf system:default/fraud-detection',
        'system:default/fraud-detection hasPart pipeline:default/fraud-detector-training',
        'pipeline:default/fraud-detector-training trains model:default/fraud-detector',
        'model:default/fraud-detector trainedBy pipeline:default/fraud-detector-training',
      ]);
    });

    it('relates a FeatureView to owner and system', async () => {
      expect(await relationsOf(featureView())).toEqual([
        'featureview:default/customer-transactions ownedBy group:default/data-platform',
        'group:default/data-platform ownerOf featureview:default/customer-transactions',
        'featureview:default/customer-transactions partOf system:default/fraud-detection',
        'system:default/fraud-detection hasPart featureview:default/customer-transactions',
      ]);
    });

    it('emits nothing for other kinds', async () => {
      expect(
        await relationsOf({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'x' },
          spec: { owner: 'me' },
        }),
      ).toEqual([]);
    });
  });
});
