import { startModelRegistryStandIn } from '@mlops-portal/sandbox';
import { KubeflowModelRegistryApiError } from './KubeflowModelRegistryApiError';
import {
  KubeflowModelRegistryClient,
  KubeflowModelRegistryClientOptions,
} from './KubeflowModelRegistryClient';

describe('KubeflowModelRegistryClient against the Model Registry stand-in over HTTP', () => {
  let standIn: Awaited<ReturnType<typeof startModelRegistryStandIn>>;
  beforeAll(async () => {
    standIn = await startModelRegistryStandIn();
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.reset());

  const client = (options: Partial<KubeflowModelRegistryClientOptions> = {}) =>
    new KubeflowModelRegistryClient({
      name: 'default',
      baseUrl: standIn.url,
      token: standIn.token,
      retryBaseDelayMs: 1,
      ...options,
    });

  it('finds a registered model by name and sends the bearer token', async () => {
    const model = await client().findRegisteredModel('churn-predictor');
    expect(model).toMatchObject({ id: '1', name: 'churn-predictor' });
    expect(standIn.fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/registered_model',
      authorization: `Bearer ${standIn.token}`,
    });
    expect(standIn.fake.requests.at(-1)!.query.get('name')).toBe(
      'churn-predictor',
    );
  });

  it('fails with 401 and the registry message when the token is wrong or missing', async () => {
    for (const token of ['wrong', undefined]) {
      const error = await client({ token })
        .findRegisteredModel('churn-predictor')
        .catch(e => e);
      expect(error).toBeInstanceOf(KubeflowModelRegistryApiError);
      expect(error.status).toBe(401);
      expect(error.message).toMatch(
        /^Kubeflow Model Registry instance 'default' findRegisteredModel failed: HTTP 401 - Unauthorized/,
      );
      expect(error.message).not.toContain(standIn.token);
    }
  });

  it('answers isNotFound for a name the registry does not know', async () => {
    const error = await client()
      .findRegisteredModel('nope')
      .catch(e => e);
    expect(error).toBeInstanceOf(KubeflowModelRegistryApiError);
    expect(error.isNotFound).toBe(true);
    expect(error.registryMessage).toMatch(/no registered models found/);
  });

  it('reads every page, ordered by id, following nextPageToken until it is empty', async () => {
    const fake = standIn.fake;
    for (let i = 4; i <= 7; i++) {
      fake.addVersion('churn-predictor', { name: String(i) });
    }
    const versions = await client({ pageSize: 2 }).listModelVersions('1');
    expect(versions.map(v => v.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    const pages = fake.requests.filter(r => r.path.endsWith('/versions'));
    expect(pages).toHaveLength(4);
    expect(pages[0].query.get('nextPageToken')).toBeNull();
    expect(pages[1].query.get('nextPageToken')).toMatch(/.+/);
    expect(pages.map(p => p.query.get('pageSize'))).toEqual([
      '2',
      '2',
      '2',
      '2',
    ]);
    expect(pages[0].query.get('orderBy')).toBe('ID');
    expect(pages[0].query.get('sortOrder')).toBe('ASC');
  });

  it('round-trips custom properties of every metadata type through PATCH, the int32 as a string', async () => {
    const properties = {
      s: { metadataType: 'MetadataStringValue', string_value: 'x' },
      i: { metadataType: 'MetadataIntValue', int_value: '-42' },
      d: { metadataType: 'MetadataDoubleValue', double_value: 0.25 },
      b: { metadataType: 'MetadataBoolValue', bool_value: false },
      st: { metadataType: 'MetadataStructValue', struct_value: 'e30=' },
      p: {
        metadataType: 'MetadataProtoValue',
        type: 'type.googleapis.com/google.protobuf.Empty',
        proto_value: '',
      },
    } as const;
    const patched = await client().updateRegisteredModel('1', {
      customProperties: properties,
    });
    expect(patched.customProperties).toEqual(properties);
    expect((await client().getRegisteredModel('1')).customProperties).toEqual(
      properties,
    );
    // The registry refuses an int32 sent as a JSON number: the wire format is a string.
    const error = await client()
      .updateRegisteredModel('1', {
        customProperties: {
          n: { metadataType: 'MetadataIntValue', int_value: 7 as any },
        },
      })
      .catch(e => e);
    expect(error.status).toBe(400);
  });

  it('reads a version and its model artifact', async () => {
    expect(await client().getModelVersion('2')).toMatchObject({
      id: '2',
      name: '2',
      registeredModelId: '1',
    });
    expect(await client().listModelArtifacts('2')).toEqual([
      expect.objectContaining({
        artifactType: 'model-artifact',
        uri: 's3://finwise-models/churn-predictor/2/',
      }),
    ]);
  });

  it('retries a GET on 503 and 429, and gives up after maxAttempts with the last status', async () => {
    standIn.fake.failNext('GET', /^\/model_versions\/2$/, 503);
    standIn.fake.failNext('GET', /^\/model_versions\/2$/, 429);
    expect((await client().getModelVersion('2')).id).toBe('2');

    standIn.fake.failNext('GET', /^\/model_versions\/2$/, 500, 5);
    const error = await client({ maxAttempts: 2 })
      .getModelVersion('2')
      .catch(e => e);
    expect(error.status).toBe(500);
    expect(error.isRetryable).toBe(true);
    expect(
      standIn.fake.requests.filter(r => r.path === '/model_versions/2'),
    ).toHaveLength(5);
  });

  it('does not retry a POST, and answers 409 for a taken name', async () => {
    standIn.fake.failNext('POST', /^\/registered_models$/, 503);
    const error = await client()
      .createRegisteredModel({ name: 'fresh' })
      .catch(e => e);
    expect(error.status).toBe(503);
    expect(standIn.fake.registeredModel('fresh')).toBeUndefined();
    const created = await client().createRegisteredModel({ name: 'fresh' });
    expect(created).toMatchObject({ name: 'fresh', state: 'LIVE' });
    const taken = await client()
      .createRegisteredModel({ name: 'fresh' })
      .catch(e => e);
    expect(taken.status).toBe(409);
  });

  it('reports an unreachable registry without a status', async () => {
    const error = await client({
      baseUrl: 'http://127.0.0.1:1',
      maxAttempts: 1,
    })
      .findRegisteredModel('churn-predictor')
      .catch(e => e);
    expect(error).toBeInstanceOf(KubeflowModelRegistryApiError);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/failed: unreachable/);
  });
});
