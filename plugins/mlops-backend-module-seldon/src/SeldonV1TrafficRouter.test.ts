import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesClusters } from '@mlops-portal/plugin-mlops-node';
import {
  KubernetesFake,
  ModelServerFake,
  ServingOperatorFake,
  startKubernetesStandIn,
} from '@mlops-portal/sandbox';
import { SeldonV1TrafficRouter } from './SeldonV1TrafficRouter';

/*
 * The router through the real @kubernetes/client-node against the sandbox's Kubernetes API stand-in served over
 * HTTP, optimistic-concurrency conflicts included. The stand-in checks every write against the CRD's schema,
 * strictly as the router asks: a field the CRD does not know, a wrong type or a missing required field fails the
 * write, and so the test.
 */
describe('Seldon Core v1 traffic router', () => {
  let standIn: Awaited<ReturnType<typeof startKubernetesStandIn>>;
  let fake: KubernetesFake;
  let clusters: KubernetesClusters;

  beforeEach(async () => {
    standIn = await startKubernetesStandIn();
    fake = standIn.fake;
    clusters = KubernetesClusters.fromConfig(
      mockServices.rootConfig({
        data: { kubernetes: standIn.kubernetesConfig },
      }),
    );
  });

  afterEach(() => standIn.close());

  const target = {
    cluster: 'sandbox',
    namespace: 'fraud',
    name: 'fraud-detector',
  };
  const candidate = {
    version: '6',
    modelUri: 'mlflow-artifacts:/1/run6/artifacts/model',
  };
  const stored = () =>
    fake.get(
      'machinelearning.seldon.io',
      'seldondeployments',
      'fraud',
      'fraud-detector',
    ) as any;

  it('adds a canary predictor cloned from stable, with the weights summing to 100', async () => {
    const router = new SeldonV1TrafficRouter(clusters);
    expect(await router.readSplit(target)).toEqual({
      stable: { version: '4', weight: 100 },
    });
    expect(await router.setCanary(target, candidate, 5)).toEqual({
      stable: { version: '4', weight: 95 },
      canary: { version: '6', weight: 5 },
    });
    const [stable, canary] = stored().spec.predictors;
    expect(stable).toMatchObject({
      name: 'stable',
      traffic: 95,
      graph: { modelUri: 'models:/fraud-detector/4' },
    });
    expect(canary).toMatchObject({
      name: 'canary',
      traffic: 5,
      replicas: 2,
      graph: {
        modelUri: candidate.modelUri,
        implementation: 'MLFLOW_SERVER',
      },
    });
    await router.setCanary(target, candidate, 25);
    expect(stored().spec.predictors.map((p: any) => p.traffic)).toEqual([
      75, 25,
    ]);
  });

  it('re-reads and re-applies after a 409, never overwriting the newer object', async () => {
    const router = new SeldonV1TrafficRouter(clusters);
    fake.conflictsToInject = 2;
    await router.setCanary(target, candidate, 5);
    const puts = fake.calls.filter(c => c.startsWith('PUT '));
    const gets = fake.calls.filter(c => c.startsWith('GET '));
    expect(puts).toHaveLength(3);
    expect(gets).toHaveLength(3);
    expect(stored().spec.predictors.map((p: any) => p.traffic)).toEqual([
      95, 5,
    ]);
  });

  it('gives up with a conflict after repeated 409s', async () => {
    fake.conflictsToInject = 10;
    await expect(
      new SeldonV1TrafficRouter(clusters).setCanary(target, candidate, 5),
    ).rejects.toMatchObject({
      name: 'ConflictError',
    });
  });

  it('rolls back to 0% and promotes the canary to stable', async () => {
    const router = new SeldonV1TrafficRouter(clusters);
    await router.setCanary(target, candidate, 25);
    expect(await router.setCanary(target, candidate, 0)).toEqual({
      stable: { version: '4', weight: 100 },
      canary: { version: '6', weight: 0 },
    });
    await router.setCanary(target, candidate, 100);
    expect(await router.promoteCanary(target)).toEqual({
      stable: { version: '6', weight: 100 },
    });
    expect(stored().spec.predictors).toEqual([
      expect.objectContaining({
        name: 'stable',
        traffic: 100,
        graph: expect.objectContaining({ modelUri: candidate.modelUri }),
      }),
    ]);
  });

  it('adds a shadow predictor serving the candidate beside the live ones, and removes it', async () => {
    const router = new SeldonV1TrafficRouter(clusters);
    await router.setCanary(target, candidate, 10);
    expect(
      await router.setShadow(target, { ...candidate, version: '5' }),
    ).toEqual({
      stable: { version: '4', weight: 90 },
      canary: { version: '6', weight: 10 },
      shadow: { version: '5' },
    });
    const shadow = stored().spec.predictors[2];
    expect(shadow).toMatchObject({
      name: 'shadow',
      shadow: true,
      replicas: 2,
      graph: { modelUri: candidate.modelUri },
    });
    // Mirrored traffic is not part of the split: a shadow has no traffic weight.
    expect(shadow.traffic).toBeUndefined();
    // A second set replaces it, and moving the canary keeps it.
    await router.setShadow(target, candidate);
    await router.setCanary(target, candidate, 0);
    expect(
      stored().spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 100],
      ['canary', 0],
      ['shadow', undefined],
    ]);
    expect(await router.removeShadow(target)).toEqual({
      stable: { version: '4', weight: 100 },
      canary: { version: '6', weight: 0 },
    });
  });

  it("reads the canary's readiness from the operator's status of the current generation", async () => {
    const router = new SeldonV1TrafficRouter(clusters);
    const operator = new ServingOperatorFake(fake);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message: 'fraud/fraud-detector has no canary predictor',
    });
    await router.setCanary(target, candidate, 0);
    expect((await router.canaryReadiness(target)).message).toBe(
      'Seldon has not yet reconciled generation 2 of fraud/fraud-detector',
    );
    operator.readySeconds = 5;
    operator.reconcile(1_000_000);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message:
        'canary deployment fraud-detector-canary-0-classifier has 0/2 replicas available',
    });
    operator.reconcile(1_005_000);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: true,
      message: 'the canary predictor of fraud/fraud-detector is available',
    });
    // A traffic change is a new generation: not ready until the operator has seen it.
    await router.setCanary(target, candidate, 100);
    expect((await router.canaryReadiness(target)).ready).toBe(false);
  });

  it("sends a request to the canary's model server through the API server's service proxy", async () => {
    const router = new SeldonV1TrafficRouter(clusters);
    const operator = new ServingOperatorFake(fake);
    fake.serviceProxy = request =>
      new ModelServerFake(fake, operator).handle(request);
    await router.setCanary(target, candidate, 0);
    const request = {
      path: '/v2/models/classifier/infer',
      body: {
        inputs: [{ name: 'f', shape: [1, 2], datatype: 'FP64', data: [1, 2] }],
      },
    };
    expect((await router.sendToCanary(target, request)).status).toBe(503);
    operator.readySeconds = 0;
    operator.reconcile();
    const answer = await router.sendToCanary(target, request);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      model_version: '6',
      outputs: [{ data: [0.12] }],
    });
    expect(fake.calls).toContain(
      'POST /api/v1/namespaces/fraud/services/fraud-detector-canary:8000/proxy/v2/models/classifier/infer',
    );
    // The path stays on the service: no way out through dots or a query.
    for (const path of [
      '/v2/../../api/v1/secrets',
      '/v2?x=1',
      'v2',
      '/.hidden',
    ]) {
      await expect(
        router.sendToCanary(target, { ...request, path }),
      ).rejects.toThrow(/is not a plain path on the service/);
    }
  });

  it('refuses a weight that is not a percentage', async () => {
    await expect(
      new SeldonV1TrafficRouter(clusters).setCanary(target, candidate, 120),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('names an unknown cluster', async () => {
    await expect(
      new SeldonV1TrafficRouter(clusters).readSplit({
        ...target,
        cluster: 'prod-eu',
      }),
    ).rejects.toThrow("No Kubernetes cluster named 'prod-eu' is configured");
  });
});
