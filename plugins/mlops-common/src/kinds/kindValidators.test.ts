import { Entity } from '@backstage/catalog-model';
import {
  featureViewEntityV1alpha1Schema,
  featureViewEntityV1alpha1Validator,
} from './FeatureViewEntityV1alpha1';
import {
  isSafeRepoPath,
  modelAliasFile,
  modelEntityV1alpha1Schema,
  modelEntityV1alpha1Validator,
} from './ModelEntityV1alpha1';
import {
  pipelineEntityV1alpha1Schema,
  pipelineEntityV1alpha1Validator,
} from './PipelineEntityV1alpha1';

const kinds = [
  ['Model', modelEntityV1alpha1Schema, modelEntityV1alpha1Validator],
  ['Pipeline', pipelineEntityV1alpha1Schema, pipelineEntityV1alpha1Validator],
  [
    'FeatureView',
    featureViewEntityV1alpha1Schema,
    featureViewEntityV1alpha1Validator,
  ],
] as const;

function clone(entity: unknown): Entity {
  return JSON.parse(JSON.stringify(entity));
}

describe.each(kinds)('%s validator', (kind, schema, validate) => {
  const example = () => clone(schema.examples[0]);

  it('accepts the example in its own schema', () => {
    expect(validate(example())).toEqual(example());
  });

  it('names the missing owner', () => {
    const entity = example();
    delete entity.spec!.owner;
    expect(() => validate(entity)).toThrow(/\/spec.*'owner'/);
  });

  it('rejects fields it does not know, naming them', () => {
    const entity = example();
    entity.spec!.ownr = 'group:typo';
    expect(() => validate(entity)).toThrow(/additional properties.*ownr/i);
  });

  it('leaves other kinds and other apiVersions to other processors', () => {
    expect(validate({ ...example(), kind: 'Component' })).toBe(false);
    expect(
      validate({ ...example(), apiVersion: 'mlops.backstage.io/v2' }),
    ).toBe(false);
  });

  it(`is the schema of ${kind}`, () => {
    expect(schema.allOf[1].properties?.kind.enum).toEqual([kind]);
  });
});

describe('field-level rules', () => {
  const model = () => clone(modelEntityV1alpha1Schema.examples[0]);
  const featureView = () => clone(featureViewEntityV1alpha1Schema.examples[0]);
  const pipeline = () => clone(pipelineEntityV1alpha1Schema.examples[0]);

  it('names a quality gate bound of the wrong type', () => {
    const entity = model();
    (entity.spec as any).qualityGates[0].min = 'high';
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/qualityGates\/0\/min must be number/,
    );
  });

  it('requires a quality gate to bound something', () => {
    const entity = model();
    (entity.spec as any).qualityGates = [{ metric: 'auc' }];
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/qualityGates\/0/,
    );
  });

  // Serving platforms and registries are backend modules, so the kind takes any well-formed name; the backend
  // refuses one no module installed (ServingPlatforms, ModelRegistries).
  it('takes a serving platform or registry a module may add, but not a malformed name', () => {
    const entity = model();
    (entity.spec as any).serving.platform = 'seldon-v2';
    expect(modelEntityV1alpha1Validator(entity)).toBe(entity);
    (entity.spec as any).serving.platform = 'Seldon Core';
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/serving\/platform must match pattern/,
    );
    const other = model();
    (other.spec as any).registry.provider = 'kubeflow-model-registry';
    expect(modelEntityV1alpha1Validator(other)).toBe(other);
    (other.spec as any).registry.provider = '';
    expect(() => modelEntityV1alpha1Validator(other)).toThrow(
      /\/spec\/registry\/provider must match pattern/,
    );
  });

  it('takes a GitOps manifest path inside the repository only', () => {
    const entity = model();
    const gitops = {
      repoUrl: 'https://github.com/acme/serving-manifests',
      path: 'serving/fraud-detector.yaml',
      branch: 'main',
      mode: 'pull-request',
      controller: { type: 'argocd', instance: 'prod', application: 'fraud' },
    };
    (entity.spec as any).serving.gitops = gitops;
    expect(modelEntityV1alpha1Validator(entity)).toBe(entity);
    expect(isSafeRepoPath(gitops.path)).toBe(true);
    for (const path of [
      '../secrets.yaml',
      'serving/../../etc/passwd.yaml',
      './serving.yaml',
      '/etc/serving.yaml',
      'https://evil.example/serving.yaml',
      'file:serving.yaml',
      'serving\\..\\x.yaml',
      'serving/fraud.json',
    ]) {
      (entity.spec as any).serving.gitops = { ...gitops, path };
      expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
        /\/spec\/serving\/gitops\/path must match pattern/,
      );
      expect(isSafeRepoPath(path)).toBe(false);
    }
    (entity.spec as any).serving.gitops = { ...gitops, mode: 'push' };
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/serving\/gitops\/mode must be equal to one of the allowed values/,
    );
    (entity.spec as any).serving.gitops = { ...gitops, branch: 'main/../x' };
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/serving\/gitops\/branch must match pattern/,
    );
  });

  it('takes promotions through pull requests against an alias file inside the repository', () => {
    const entity = model();
    const registry = (entity.spec as any).registry;
    registry.changeVia = 'pull-request';
    registry.aliasFile = {
      repoUrl: 'https://github.com/acme/serving-manifests',
      path: 'deploy/aliases.yaml',
      branch: 'main',
    };
    expect(modelEntityV1alpha1Validator(entity)).toBe(entity);
    expect(modelAliasFile(entity as any)).toEqual(registry.aliasFile);
    for (const path of ['../aliases.yaml', '/deploy/aliases.yaml', 'x.json']) {
      registry.aliasFile = { path };
      expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
        /\/spec\/registry\/aliasFile\/path must match pattern/,
      );
    }
    registry.changeVia = 'mr';
    registry.aliasFile = {};
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/registry\/changeVia must be equal to one of the allowed values/,
    );
    // Defaults: the serving manifest's repository and branch, deploy/aliases.yaml.
    registry.changeVia = 'pull-request';
    expect(modelAliasFile(entity as any)).toBeUndefined();
    (entity.spec as any).serving.gitops = {
      repoUrl: 'https://github.com/acme/serving-manifests',
      path: 'serving/fraud-detector.yaml',
      branch: 'release',
      mode: 'commit',
    };
    expect(modelAliasFile(entity as any)).toEqual({
      repoUrl: 'https://github.com/acme/serving-manifests',
      branch: 'release',
      path: 'deploy/aliases.yaml',
    });
    registry.changeVia = 'direct';
    expect(modelAliasFile(entity as any)).toBeUndefined();
  });

  it('takes smoke requests with a plain path on the model server only', () => {
    const entity = model();
    const smoke = {
      name: 'known-fraud',
      path: '/v2/models/classifier/infer',
      body: { inputs: [] },
    };
    (entity.spec as any).serving.smokeRequests = [smoke];
    expect(modelEntityV1alpha1Validator(entity)).toBe(entity);
    for (const path of [
      '/v2/../secrets',
      'v2/models',
      '/v2?x=1',
      'http://evil.example/x',
      '/v2/.hidden',
    ]) {
      (entity.spec as any).serving.smokeRequests = [{ ...smoke, path }];
      expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
        /\/spec\/serving\/smokeRequests\/0\/path must match pattern/,
      );
    }
  });

  it('needs a Kubeflow pipeline id or name', () => {
    const entity = pipeline();
    (entity.spec as any).kubeflow = { instance: 'default' };
    expect(() => pipelineEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/kubeflow/,
    );
  });

  it('checks Feast value types and ISO 8601 TTLs', () => {
    const badType = featureView();
    (badType.spec as any).features[0].type = 'NUMBER';
    expect(() => featureViewEntityV1alpha1Validator(badType)).toThrow(
      /\/spec\/features\/0\/type/,
    );
    const badTtl = featureView();
    (badTtl.spec as any).ttl = '24 hours';
    expect(() => featureViewEntityV1alpha1Validator(badTtl)).toThrow(
      /\/spec\/ttl must match pattern/,
    );
    const goodTtl = featureView();
    (goodTtl.spec as any).ttl = 'P1DT12H';
    expect(featureViewEntityV1alpha1Validator(goodTtl)).toBeTruthy();
  });
});

describe('spec.modelCard', () => {
  const model = () => clone(modelEntityV1alpha1Schema.examples[0]);

  it('takes Markdown sections and names a section it does not know', () => {
    const entity = model();
    (entity.spec as any).modelCard = {
      intendedUse: 'Scoring **card** authorisations.',
      limitations: '- Not for wire transfers',
    };
    expect(modelEntityV1alpha1Validator(entity)).toBe(entity);
    (entity.spec as any).modelCard.misuse = 'x';
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(/misuse/);
    (entity.spec as any).modelCard = { intendedUse: 42 };
    expect(() => modelEntityV1alpha1Validator(entity)).toThrow(
      /\/spec\/modelCard\/intendedUse must be string/,
    );
  });
});
