import { ModelServerFake, ServingOperatorFake } from '@mlops-portal/sandbox';
import {
  candidate,
  claimed,
  release,
  startSandboxFraudDetector,
  target,
  write,
} from './__testUtils__/sandboxFraudDetector';

/*
 * The router through the real @kubernetes/client-node against the sandbox's Kubernetes API stand-in served over
 * HTTP, optimistic-concurrency conflicts included: its traffic split, the canary's readiness and smoke requests.
 * The rollout's claim on the SeldonDeployment is SeldonV1TrafficRouter.claim.test.ts's.
 */
describe('Seldon Core v1 traffic router', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxFraudDetector>>;

  beforeEach(async () => {
    sandbox = await startSandboxFraudDetector();
  });

  afterEach(() => sandbox.stop());

  it('adds a canary predictor cloned from stable, with the weights summing to 100', async () => {
    const { router, stored } = sandbox;
    expect(await router.readSplit(target)).toEqual({
      stable: { version: '4', weight: 100 },
    });
    expect(await router.setCanary(target, candidate, 5, write)).toEqual({
      ...claimed,
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
    await router.setCanary(target, candidate, 25, write);
    expect(stored().spec.predictors.map((p: any) => p.traffic)).toEqual([
      75, 25,
    ]);
  });

  it('re-reads and re-applies after a 409, never overwriting the newer object', async () => {
    const { router, fake, stored } = sandbox;
    fake.conflictsToInject = 2;
    await router.setCanary(target, candidate, 5, write);
    const puts = fake.calls.filter(c => c.startsWith('PUT '));
    const gets = fake.calls.filter(c => c.startsWith('GET '));
    expect(puts).toHaveLength(3);
    expect(gets).toHaveLength(3);
    expect(stored().spec.predictors.map((p: any) => p.traffic)).toEqual([
      95, 5,
    ]);
  });

  it('gives up with a conflict after repeated 409s', async () => {
    const { router, fake, stored } = sandbox;
    fake.conflictsToInject = 10;
    const replaces = () =>
      fake.calls.filter(
        c =>
          c ===
          'PUT /apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector',
      ).length;
    expect(replaces()).toBe(0);
    await expect(
      router.setCanary(target, candidate, 5, write),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'The serving resource kept changing under us (5 conflicting writes); try again',
    });
    // Five attempts, each refused, and no more: the other five injected conflicts were never met.
    expect(replaces()).toBe(5);
    expect(fake.conflictsToInject).toBe(5);
    expect(stored().spec.predictors.map((p: any) => p.name)).toEqual([
      'stable',
    ]);
  });

  it('rolls back to 0% and promotes the canary to stable', async () => {
    const { router, stored } = sandbox;
    await router.setCanary(target, candidate, 25, write);
    expect(await router.setCanary(target, candidate, 0, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 100 },
      canary: { version: '6', weight: 0 },
    });
    await router.setCanary(target, candidate, 100, write);
    expect(await router.promoteCanary(target, release)).toEqual({
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
    const { router, stored } = sandbox;
    await router.setCanary(target, candidate, 10, write);
    expect(
      await router.setShadow(target, { ...candidate, version: '5' }, write),
    ).toEqual({
      ...claimed,
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
    // Where each predictor loads its model from, live and as a manifest of the same object declares it.
    const modelUris = {
      stable: 'models:/fraud-detector/4',
      canary: candidate.modelUri,
      shadow: candidate.modelUri,
    };
    expect(await router.readModelUris(target)).toEqual(modelUris);
    expect(router.manifestSplit.modelUrisOf(stored())).toEqual(modelUris);
    // A second set replaces it, and moving the canary keeps it.
    await router.setShadow(target, candidate, write);
    await router.setCanary(target, candidate, 0, write);
    expect(
      stored().spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 100],
      ['canary', 0],
      ['shadow', undefined],
    ]);
    expect(await router.removeShadow(target, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 100 },
      canary: { version: '6', weight: 0 },
    });
  });

  it("reads the canary's readiness from the operator's status of the current generation", async () => {
    const { router, fake } = sandbox;
    const operator = new ServingOperatorFake(fake);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message: 'fraud/fraud-detector has no canary predictor',
    });
    await router.setCanary(target, candidate, 0, write);
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
    await router.setCanary(target, candidate, 100, write);
    expect((await router.canaryReadiness(target)).ready).toBe(false);
  });

  it("sends a request to the canary's model server through the API server's service proxy", async () => {
    const { router, fake } = sandbox;
    const operator = new ServingOperatorFake(fake);
    fake.serviceProxy = request =>
      new ModelServerFake(fake, operator).handle(request);
    await router.setCanary(target, candidate, 0, write);
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
      sandbox.router.setCanary(target, candidate, 120, write),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('names an unknown cluster', async () => {
    await expect(
      sandbox.router.readSplit({
        ...target,
        cluster: 'prod-eu',
      }),
    ).rejects.toThrow("No Kubernetes cluster named 'prod-eu' is configured");
  });
});
