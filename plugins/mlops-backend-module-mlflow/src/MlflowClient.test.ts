import { registerMswTestHooks } from '@backstage/backend-test-utils';
import {
  MLFLOW_TEST_URL,
  MlflowFake,
  mlflowHandlers,
  seedMlflow,
} from '@mlops-portal/sandbox';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MlflowApiError } from './MlflowApiError';
import { MlflowClient } from './MlflowClient';
import { MlflowRegistryClient } from './MlflowModelRegistry';

const server = setupServer();
registerMswTestHooks(server);

describe('MlflowClient against MLflow wire format', () => {
  let fake: MlflowFake;
  const client = (
    options: Partial<ConstructorParameters<typeof MlflowClient>[0]> = {},
  ) =>
    new MlflowClient({
      name: 'default',
      baseUrl: `${MLFLOW_TEST_URL}/`,
      retryBaseDelayMs: 1,
      ...options,
    });

  beforeEach(() => {
    fake = new MlflowFake();
    seedMlflow(fake, Date.UTC(2026, 10, 1));
    server.use(...mlflowHandlers(fake));
  });

  it('reads a registered model with its aliases and string versions', async () => {
    const model = await client().getRegisteredModel('fraud-detector');
    expect(model.aliases).toEqual(
      expect.arrayContaining([
        { alias: 'champion', version: '4' },
        { alias: 'challenger', version: '6' },
      ]),
    );
    expect(typeof model.creation_timestamp).toBe('number');
  });

  it('pages through model versions with next_page_token', async () => {
    const versions = await client().searchModelVersions('fraud-detector', 4);
    expect(versions.map(v => v.version)).toEqual([
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
    ]);
    const searches = fake.requests.filter(
      r => r.path === '/model-versions/search',
    );
    expect(searches).toHaveLength(2);
    expect(searches[0].query.get('filter')).toBe("name = 'fraud-detector'");
    expect(searches[1].query.get('page_token')).toBeTruthy();
  });

  it('treats an omitted list as empty', async () => {
    fake.createRegisteredModel('empty');
    await expect(client().searchModelVersions('empty')).resolves.toEqual([]);
  });

  it("maps MLflow's error body, keeping error_code and message", async () => {
    const error = await client()
      .getModelVersion('fraud-detector', '99')
      .catch(e => e);
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error).toMatchObject({
      status: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      isNotFound: true,
    });
    expect(error.message).toMatch(
      /MLflow instance 'default' model-versions\/get failed: HTTP 404 RESOURCE_DOES_NOT_EXIST - Model Version \(name=fraud-detector, version=99\) not found/,
    );
  });

  it('sends JSON bodies on POST and DELETE of an alias', async () => {
    await client().setAlias('fraud-detector', 'challenger', '5');
    expect(fake.getAlias('fraud-detector', 'challenger')).toBe('5');
    await client().deleteAlias('fraud-detector', 'challenger');
    expect(fake.getAlias('fraud-detector', 'challenger')).toBeUndefined();
    const deleteCall = fake.requests.find(r => r.method === 'DELETE')!;
    expect(deleteCall.contentType).toBe('application/json');
    expect(JSON.parse(deleteCall.body!)).toEqual({
      name: 'fraud-detector',
      alias: 'challenger',
    });
  });

  it('surfaces MLflow refusing a reserved alias as a 400 without retrying', async () => {
    const error = await client()
      .setAlias('fraud-detector', 'latest', '5')
      .catch(e => e);
    expect(error).toMatchObject({
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      isRetryable: false,
    });
    expect(fake.requests.filter(r => r.method === 'POST')).toHaveLength(1);
  });

  it('reads run metrics', async () => {
    const version = await client().getModelVersion('fraud-detector', '4');
    const run = await client().getRun(version.run_id!);
    expect(
      Object.fromEntries(run.data!.metrics!.map(m => [m.key, m.value])),
    ).toMatchObject({
      auc: 0.924,
    });
  });

  it("reads a training run's file: listed first, then downloaded through the artifact proxy", async () => {
    const registry = new MlflowRegistryClient(client(), {} as any);
    const champion = await registry.getModelVersion('fraud-detector', '4');
    const text = await registry.readTrainingArtifact(
      champion,
      'drift/reference.json',
    );
    expect(JSON.parse(text!)).toMatchObject({
      format: 'mlops-drift-reference/v1',
      model: 'fraud-detector',
    });
    const runId = champion.runId!;
    expect(
      fake.requests.slice(-3).map(r => [r.method, r.path, r.query.toString()]),
    ).toEqual([
      [
        'GET',
        '/artifacts/list',
        new URLSearchParams({ run_id: runId, path: 'drift' }).toString(),
      ],
      ['GET', '/runs/get', new URLSearchParams({ run_id: runId }).toString()],
      [
        'GET',
        `/mlflow-artifacts/artifacts/1/${runId}/artifacts/drift/reference.json`,
        '',
      ],
    ]);
    // v6's run logged no such file: nothing, and nothing downloaded.
    const before = fake.requestCount;
    await expect(
      registry.readTrainingArtifact(
        await registry.getModelVersion('fraud-detector', '6'),
        'drift/reference.json',
      ),
    ).resolves.toBeUndefined();
    expect(
      fake.requests.slice(-(fake.requestCount - before)).map(r => r.path),
    ).toEqual(['/model-versions/get', '/artifacts/list']);
  });

  it('downloads only through the proxy of the configured instance, and only relative paths', async () => {
    const runId = (await client().getModelVersion('fraud-detector', '4'))
      .run_id!;
    // The URI's host is not called: the configured base URL is.
    await expect(
      client().downloadArtifact(
        `mlflow-artifacts://elsewhere.example:5000/1/${runId}/artifacts`,
        'drift/reference.json',
      ),
    ).resolves.toContain('mlops-drift-reference/v1');
    await expect(
      client().downloadArtifact(
        's3://bucket/1/run/artifacts',
        'drift/reference.json',
      ),
    ).rejects.toThrow(
      "MLflow instance 'default' keeps this run's artifacts at s3:, not behind its artifact proxy",
    );
    await expect(
      client().downloadArtifact(
        `mlflow-artifacts:/1/${runId}/artifacts`,
        '../../2/other/artifacts/secret.json',
      ),
    ).rejects.toThrow('is not a relative artifact path');
    const missing = await client()
      .downloadArtifact(`mlflow-artifacts:/1/${runId}/artifacts`, 'nope.json')
      .catch(e => e);
    expect(missing).toMatchObject({ status: 404, isNotFound: true });
  });

  it('retries 429 and 5xx with backoff, then succeeds', async () => {
    const failures = [
      HttpResponse.json(
        { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' },
        { status: 429 },
      ),
      HttpResponse.json(
        { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'db' },
        { status: 503 },
      ),
    ];
    let calls = 0;
    server.use(
      http.get(
        `${MLFLOW_TEST_URL}/api/2.0/mlflow/registered-models/get`,
        () => {
          calls += 1;
          // Two failures, then fall through to the fake.
          return failures.shift();
        },
      ),
      ...mlflowHandlers(fake),
    );
    const model = await client({ maxAttempts: 3 }).getRegisteredModel(
      'fraud-detector',
    );
    expect(model.name).toBe('fraud-detector');
    expect(calls).toBe(3);
  });

  it('gives up after maxAttempts and reports the last failure', async () => {
    let calls = 0;
    server.use(
      http.get(
        `${MLFLOW_TEST_URL}/api/2.0/mlflow/registered-models/get`,
        () => {
          calls += 1;
          return new HttpResponse('<html>Bad Gateway</html>', {
            status: 502,
            headers: { 'Content-Type': 'text/html' },
          });
        },
      ),
    );
    const error = await client({ maxAttempts: 2 })
      .getRegisteredModel('fraud-detector')
      .catch(e => e);
    expect(calls).toBe(2);
    expect(error).toMatchObject({ status: 502, errorCode: undefined });
  });

  it('times out a call that does not answer', async () => {
    server.use(
      http.get(
        `${MLFLOW_TEST_URL}/api/2.0/mlflow/registered-models/get`,
        async () => {
          await delay(500);
          return HttpResponse.json({});
        },
      ),
    );
    const error = await client({ timeoutMs: 50, maxAttempts: 1 })
      .getRegisteredModel('fraud-detector')
      .catch(e => e);
    expect(error).toMatchObject({ status: undefined, isRetryable: true });
    expect(error.message).toMatch(/unreachable - no answer within 50 ms/);
  });

  it('falls back to the HTTP status when the error is not JSON (a proxy or an old server)', async () => {
    server.use(
      http.get(
        `${MLFLOW_TEST_URL}/api/2.0/mlflow/runs/get`,
        () =>
          new HttpResponse('<!doctype html><title>404 Not Found</title>', {
            status: 404,
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    );
    const error = await client()
      .getRun('nope')
      .catch(e => e);
    expect(error).toMatchObject({
      status: 404,
      errorCode: undefined,
      isNotFound: true,
    });
  });

  it.each([
    [
      { type: 'basic' as const, username: 'portal', password: 's3cret' },
      `Basic ${Buffer.from('portal:s3cret').toString('base64')}`,
    ],
    [{ type: 'bearer' as const, token: 'tok' }, 'Bearer tok'],
  ])('authenticates with %o', async (auth, header) => {
    let seen: string | null = null;
    server.use(
      http.get(
        `${MLFLOW_TEST_URL}/api/2.0/mlflow/registered-models/get`,
        ({ request }) => {
          seen = request.headers.get('authorization');
          return undefined;
        },
      ),
      ...mlflowHandlers(fake),
    );
    await client({ auth }).getRegisteredModel('fraud-detector');
    expect(seen).toBe(header);
  });
});
