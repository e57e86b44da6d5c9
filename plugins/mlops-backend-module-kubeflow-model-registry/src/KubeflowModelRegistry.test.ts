import { ConflictError } from '@backstage/errors';
import { startModelRegistryStandIn } from '@mlops-portal/sandbox';
import { KubeflowRegistryClient } from './KubeflowModelRegistry';
import { KubeflowModelRegistryClient } from './KubeflowModelRegistryClient';

describe('KubeflowRegistryClient (the portal seam) against the stand-in over HTTP', () => {
  let standIn: Awaited<ReturnType<typeof startModelRegistryStandIn>>;
  beforeAll(async () => {
    standIn = await startModelRegistryStandIn();
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.reset());

  const registry = () =>
    new KubeflowRegistryClient(
      new KubeflowModelRegistryClient({
        name: 'default',
        baseUrl: standIn.url,
        token: standIn.token,
        retryBaseDelayMs: 1,
      }),
    );

  it('reads aliases from mlops.alias.* properties and the other string properties as tags', async () => {
    standIn.fake.setModelProperty('churn-predictor', 'mlops.alias.shadow', 7);
    standIn.fake.setModelProperty('churn-predictor', 'mlops.alias.bogus', 0.5);
    const model = await registry().getRegisteredModel('churn-predictor');
    expect(model).toMatchObject({
      name: 'churn-predictor',
      description: '30-day churn propensity (LightGBM)',
      // An int written by hand counts; a double is no version id.
      aliases: { champion: '2', challenger: '3', shadow: '7' },
      tags: {
        team: 'growth-ml',
        'backstage.io/owner': 'group:default/growth-ml',
      },
    });
    expect(Date.parse(model.createdAt!)).toBeLessThan(Date.now());
  });

  it('lists live versions by id, and takes their metrics from the numeric properties without more calls', async () => {
    standIn.fake.addVersion('churn-predictor', {
      name: 'old',
      state: 'ARCHIVED',
    });
    const client = registry();
    const versions = await client.listModelVersions('churn-predictor');
    expect(versions.map(v => v.version)).toEqual(['1', '2', '3']);
    expect(versions[2]).toMatchObject({
      name: 'churn-predictor',
      status: 'READY',
      createdBy: 'kfp-churn-training',
      tags: { framework: 'lightgbm' },
    });
    const before = standIn.fake.requestCount;
    const metrics = await client.versionMetrics(versions);
    expect(standIn.fake.requestCount).toBe(before);
    // The double as it is, the int32 parsed from its string; the boolean is no metric.
    expect(metrics.get('3')).toEqual({ auc: 0.835, training_rows: 1_310_000 });
  });

  it('reads the metrics of versions it did not hand out from the registry', async () => {
    const metrics = await registry().versionMetrics([
      { name: 'churn-predictor', version: '1', status: 'READY', tags: {} },
    ]);
    expect(metrics.get('1')).toEqual({ auc: 0.79, training_rows: 1_180_000 });
  });

  it('gets one version with its model artifact as the source; another model’s or an archived version is not found', async () => {
    expect(
      await registry().getModelVersion('churn-predictor', '2'),
    ).toMatchObject({
      version: '2',
      source: 's3://finwise-models/churn-predictor/2/',
    });
    standIn.fake.createRegisteredModel('other');
    const foreign = standIn.fake.addVersion('other', { name: '1' });
    const archived = standIn.fake.addVersion('churn-predictor', {
      name: 'old',
      state: 'ARCHIVED',
    });
    for (const version of [foreign, archived, 'v1', '42']) {
      const error = await registry()
        .getModelVersion('churn-predictor', version)
        .catch(e => e);
      expect(error.isNotFound).toBe(true);
    }
  });

  it('moves an alias by rewriting only its property and keeping every other one', async () => {
    // Someone edits the model in Kubeflow's UI after the portal last read it.
    standIn.fake.setModelProperty('churn-predictor', 'reviewed', true);
    await registry().setAlias('churn-predictor', 'challenger', '1');
    const stored = standIn.fake.registeredModel('churn-predictor')!;
    expect(stored.customProperties).toEqual({
      team: { metadataType: 'MetadataStringValue', string_value: 'growth-ml' },
      'backstage.io/owner': {
        metadataType: 'MetadataStringValue',
        string_value: 'group:default/growth-ml',
      },
      'mlops.alias.champion': {
        metadataType: 'MetadataStringValue',
        string_value: '2',
      },
      'mlops.alias.challenger': {
        metadataType: 'MetadataStringValue',
        string_value: '1',
      },
      reviewed: { metadataType: 'MetadataBoolValue', bool_value: true },
    });
    const patch = standIn.fake.requests.find(r => r.method === 'PATCH')!;
    expect(patch.path).toBe('/registered_models/1');
  });

  it('refuses to point an alias at a version of another model, and writes nothing', async () => {
    standIn.fake.createRegisteredModel('other');
    const foreign = standIn.fake.addVersion('other', { name: '1' });
    const error = await registry()
      .setAlias('churn-predictor', 'challenger', foreign)
      .catch(e => e);
    expect(error.isNotFound).toBe(true);
    expect(standIn.fake.requests.some(r => r.method === 'PATCH')).toBe(false);
  });

  it('deletes an alias property; deleting one that is not set is no error and writes nothing', async () => {
    await registry().deleteAlias('churn-predictor', 'challenger');
    expect(
      (await registry().getRegisteredModel('churn-predictor')).aliases,
    ).toEqual({ champion: '2' });
    const patches = () =>
      standIn.fake.requests.filter(r => r.method === 'PATCH').length;
    expect(patches()).toBe(1);
    await registry().deleteAlias('churn-predictor', 'challenger');
    expect(patches()).toBe(1);
  });

  it('creates a registered model with tags as string properties; a taken name is a ConflictError', async () => {
    await registry().createRegisteredModel('fresh', {
      description: 'new',
      tags: { team: 'x' },
    });
    expect(await registry().getRegisteredModel('fresh')).toMatchObject({
      description: 'new',
      tags: { team: 'x' },
      aliases: {},
    });
    await expect(
      registry().createRegisteredModel('fresh', { tags: {} }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists every live registered model across pages', async () => {
    for (let i = 0; i < 25; i++) {
      standIn.fake.createRegisteredModel(`model-${i}`);
    }
    standIn.fake.createRegisteredModel('retired', { state: 'ARCHIVED' });
    const models = await registry().listRegisteredModels();
    expect(models).toHaveLength(26);
    expect(models.map(m => m.name)).not.toContain('retired');
  });
});
