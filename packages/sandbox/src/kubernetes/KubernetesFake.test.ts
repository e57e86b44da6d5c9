import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createSandboxApp } from '../createSandboxApp';
import { SANDBOX_KUBERNETES_TOKEN } from './kubernetesRouter';

/* The sandbox's Kubernetes stand-in over real HTTP, through the real @kubernetes/client-node. */
describe('Kubernetes stand-in', () => {
  let server: Server;
  let config: (token?: string) => KubeConfig;

  beforeAll(async () => {
    server = createSandboxApp().listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/kubernetes`;
    config = (token = SANDBOX_KUBERNETES_TOKEN) => {
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'sandbox', server: url, skipTLSVerify: true }],
        users: [{ name: 'portal', token }],
        contexts: [{ name: 'sandbox', cluster: 'sandbox', user: 'portal' }],
        currentContext: 'sandbox',
      });
      return kc;
    };
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const seldon = {
    group: 'machinelearning.seldon.io',
    version: 'v1',
    namespace: 'fraud',
    plural: 'seldondeployments',
    name: 'fraud-detector',
  };

  it('serves the example SeldonDeployment and its pods by label', async () => {
    const sdep: any = await config()
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject(seldon);
    expect(sdep.spec.predictors).toEqual([
      expect.objectContaining({ name: 'stable', traffic: 100 }),
    ]);
    const pods = await config().makeApiClient(CoreV1Api).listNamespacedPod({
      namespace: 'fraud',
      labelSelector: 'backstage.io/kubernetes-id=fraud-detector',
    });
    expect(pods.items).toHaveLength(2);
    expect(
      (
        await config().makeApiClient(CoreV1Api).listPodForAllNamespaces({
          labelSelector: 'backstage.io/kubernetes-id=nope',
        })
      ).items,
    ).toEqual([]);
  });

  it('replaces with the current resourceVersion and refuses a stale one with 409', async () => {
    const api = config().makeApiClient(CustomObjectsApi);
    const sdep: any = await api.getNamespacedCustomObject(seldon);
    sdep.spec.predictors[0].replicas = 3;
    const updated: any = await api.replaceNamespacedCustomObject({
      ...seldon,
      body: sdep,
    });
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(
      Number(sdep.metadata.resourceVersion),
    );
    expect(updated.metadata.generation).toBe(sdep.metadata.generation + 1);

    const error = await api
      .replaceNamespacedCustomObject({ ...seldon, body: sdep })
      .catch(e => e);
    expect(error).toBeInstanceOf(ApiException);
    expect(error.code).toBe(409);
    expect(JSON.parse(error.body)).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
    });
  });

  it('answers 404 Status for a missing object and 401 without the token', async () => {
    const missing = await config()
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject({ ...seldon, name: 'nope' })
      .catch(e => e);
    expect(missing.code).toBe(404);
    const unauthorized = await config('wrong')
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject(seldon)
      .catch(e => e);
    expect(unauthorized.code).toBe(401);
  });

  it("refuses a SeldonDeployment its CRD schema rejects, with the API server's 422 field errors", async () => {
    const api = config().makeApiClient(CustomObjectsApi);
    const current: any = await api.getNamespacedCustomObject(seldon);
    current.spec.predictors[0].traffic = 'all of it';
    delete current.spec.predictors[0].graph;
    const error = await api
      .replaceNamespacedCustomObject({ ...seldon, body: current })
      .catch(e => e);
    expect(error).toBeInstanceOf(ApiException);
    expect(error.code).toBe(422);
    const status = JSON.parse(error.body);
    expect(status).toMatchObject({ kind: 'Status', reason: 'Invalid' });
    expect(status.message).toContain(
      'SeldonDeployment.machinelearning.seldon.io "fraud-detector" is invalid',
    );
    expect(status.details.causes.map((c: any) => c.message)).toEqual([
      'spec.predictors[0].traffic: Invalid value: "string": spec.predictors[0].traffic in body must be of type integer: "string"',
      'spec.predictors[0].graph: Required value',
    ]);
    const unchanged: any = await api.getNamespacedCustomObject(seldon);
    expect(unchanged.spec.predictors[0].traffic).toBe(100);
  });

  it('prunes unknown fields with a warning, and refuses them under fieldValidation=Strict', async () => {
    const api = config().makeApiClient(CustomObjectsApi);
    const current: any = await api.getNamespacedCustomObject(seldon);
    current.spec.predictors[0].trafic = 50;
    const strict = await api
      .replaceNamespacedCustomObject({
        ...seldon,
        body: current,
        fieldValidation: 'Strict',
      })
      .catch(e => e);
    expect(strict.code).toBe(422);
    expect(JSON.parse(strict.body).message).toContain(
      'strict decoding error: unknown field "spec.predictors[0].trafic"',
    );
    const stored: any = await api.replaceNamespacedCustomObject({
      ...seldon,
      body: current,
    });
    expect(stored.spec.predictors[0]).not.toHaveProperty('trafic');
    expect(stored.spec.predictors[0].traffic).toBe(100);
  });

  it('creates and deletes a Seldon Core v2 Model, checked against the schema written for it', async () => {
    const api = config().makeApiClient(CustomObjectsApi);
    const models = {
      group: 'mlops.seldon.io',
      version: 'v1alpha1',
      namespace: 'fraud',
      plural: 'models',
    };
    const iris = {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'iris' },
      spec: {
        storageUri: 'gs://seldon-models/iris',
        requirements: ['sklearn'],
        memory: '100Ki',
      },
    };
    const misspelt = await api
      .createNamespacedCustomObject({
        ...models,
        body: {
          ...iris,
          spec: { storageURI: iris.spec.storageUri, memory: '100Ki' },
        },
        fieldValidation: 'Strict',
      })
      .catch(e => e);
    expect(misspelt.code).toBe(422);
    expect(JSON.parse(misspelt.body).details.causes).toEqual([
      expect.objectContaining({ message: 'spec.storageUri: Required value' }),
      expect.objectContaining({
        message: 'strict decoding error: unknown field "spec.storageURI"',
      }),
    ]);
    const created: any = await api.createNamespacedCustomObject({
      ...models,
      body: iris,
      fieldValidation: 'Strict',
    });
    expect(created.metadata).toMatchObject({
      namespace: 'fraud',
      generation: 1,
    });
    await api.deleteNamespacedCustomObject({ ...models, name: 'iris' });
    const gone = await api
      .getNamespacedCustomObject({ ...models, name: 'iris' })
      .catch(e => e);
    expect(gone.code).toBe(404);
    const again = await api
      .deleteNamespacedCustomObject({ ...models, name: 'iris' })
      .catch(e => e);
    expect(again.code).toBe(404);
  });
});
