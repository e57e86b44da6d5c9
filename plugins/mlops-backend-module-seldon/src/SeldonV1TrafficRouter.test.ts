import { mockServices } from '@backstage/backend-test-utils';
import {
  formatClaim,
  KubernetesClusters,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
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
  /** The claim a rollout's traffic writes carry, and the split's report of it. */
  const write = { claim: { rolloutId: 'r1', instanceId: 'portal-a' } };
  const claimed = { claim: write.claim };
  const release = { ...write, release: true };
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
    const router = new SeldonV1TrafficRouter(clusters);
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
    fake.conflictsToInject = 10;
    const replaces = () =>
      fake.calls.filter(
        c =>
          c ===
          'PUT /apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector',
      ).length;
    expect(replaces()).toBe(0);
    await expect(
      new SeldonV1TrafficRouter(clusters).setCanary(
        target,
        candidate,
        5,
        write,
      ),
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
    const router = new SeldonV1TrafficRouter(clusters);
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
    const router = new SeldonV1TrafficRouter(clusters);
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
    const router = new SeldonV1TrafficRouter(clusters);
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
    const router = new SeldonV1TrafficRouter(clusters);
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

  describe("the rollout's claim", () => {
    const writes = () =>
      fake.calls.filter(c => /^(PUT|POST|PATCH|DELETE) /.test(c));
    const annotation = () => stored().metadata.annotations?.[ROLLOUT_CLAIM_KEY];
    const otherRollout = { claim: { rolloutId: 'r0', instanceId: 'portal-a' } };
    const otherPortal = { claim: { rolloutId: 'r1', instanceId: 'portal-b' } };

    it('is written in the same write as the first traffic change, and read back with the split', async () => {
      const router = new SeldonV1TrafficRouter(clusters);
      expect(annotation()).toBeUndefined();
      await router.setCanary(target, candidate, 5, write);
      // One write: the canary predictor and the claim together.
      expect(writes()).toEqual([
        'PUT /apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector',
      ]);
      expect(annotation()).toBe(formatClaim(write.claim));
      expect(JSON.parse(annotation())).toEqual({
        rollout: 'r1',
        instance: 'portal-a',
      });
      expect(stored().spec.predictors.map((p: any) => p.traffic)).toEqual([
        95, 5,
      ]);
      expect((await router.readSplit(target)).claim).toEqual(write.claim);
      // The same rollout goes on writing; a shadow is claimed alike.
      await router.setShadow(target, candidate, write);
      expect(writes()).toHaveLength(2);
      expect(annotation()).toBe(formatClaim(write.claim));
    });

    it.each([
      ['another rollout', otherRollout, "rollout r0 of portal 'portal-a'"],
      [
        'the same rollout id from another portal',
        otherPortal,
        "rollout r1 of portal 'portal-b'",
      ],
    ])(
      'refuses every write while %s holds it, leaving the object as it was',
      async (_who, holder, named) => {
        const router = new SeldonV1TrafficRouter(clusters);
        await router.setCanary(target, candidate, 10, holder);
        const before = stored();
        fake.calls.length = 0;
        for (const attempt of [
          () => router.setCanary(target, candidate, 50, write),
          () => router.setCanary(target, candidate, 0, release),
          () => router.promoteCanary(target, release),
          () => router.setShadow(target, candidate, write),
          () => router.removeShadow(target, release),
        ]) {
          await expect(attempt()).rejects.toMatchObject({
            name: 'ConflictError',
            message: expect.stringContaining(
              `SeldonDeployment fraud/fraud-detector is claimed by ${named}`,
            ),
          });
        }
        expect(writes()).toEqual([]);
        expect(stored()).toEqual(before);
        expect((await router.readSplit(target)).claim).toEqual(holder.claim);
      },
    );

    it('is removed by the write that ends the rollout', async () => {
      const router = new SeldonV1TrafficRouter(clusters);
      // Rolled back: the canary stays at 0%, unclaimed.
      await router.setCanary(target, candidate, 25, write);
      expect(await router.setCanary(target, candidate, 0, release)).toEqual({
        stable: { version: '4', weight: 100 },
        canary: { version: '6', weight: 0 },
      });
      expect(annotation()).toBeUndefined();
      // Promoted.
      await router.setCanary(target, candidate, 100, write);
      expect(annotation()).toBe(formatClaim(write.claim));
      await router.promoteCanary(target, release);
      expect(annotation()).toBeUndefined();
      // A shadow removed.
      await router.setShadow(target, candidate, write);
      fake.calls.length = 0;
      expect(await router.removeShadow(target, release)).toEqual({
        stable: { version: '6', weight: 100 },
      });
      expect(writes()).toHaveLength(1);
      expect(annotation()).toBeUndefined();
      // Released, the object is free for another rollout.
      await router.setCanary(target, candidate, 5, otherPortal);
      expect(annotation()).toBe(formatClaim(otherPortal.claim));
    });

    it('returnToStable gives stable all traffic, drops the canary and the shadow and the claim, in one write', async () => {
      const router = new SeldonV1TrafficRouter(clusters);
      await router.setCanary(target, candidate, 30, write);
      await router.setShadow(target, { ...candidate, version: '5' }, write);
      fake.calls.length = 0;
      expect(await router.returnToStable(target, write.claim)).toEqual({
        stable: { version: '4', weight: 100 },
      });
      expect(writes()).toHaveLength(1);
      expect(stored().spec.predictors).toEqual([
        expect.objectContaining({
          name: 'stable',
          traffic: 100,
          graph: expect.objectContaining({
            modelUri: 'models:/fraud-detector/4',
          }),
        }),
      ]);
      expect(annotation()).toBeUndefined();
      // Nothing claimed, nothing expected: still a way back to stable.
      expect(await router.returnToStable(target, undefined)).toEqual({
        stable: { version: '4', weight: 100 },
      });
    });

    it('returnToStable refuses (409) when the object carries another claim than the one expected', async () => {
      const router = new SeldonV1TrafficRouter(clusters);
      await router.setCanary(target, candidate, 30, otherPortal);
      const before = stored();
      fake.calls.length = 0;
      for (const expected of [write.claim, undefined]) {
        await expect(
          router.returnToStable(target, expected),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(
            "claim now rollout r1 of portal 'portal-b'",
          ),
        });
      }
      expect(writes()).toEqual([]);
      expect(stored()).toEqual(before);
      // Expecting a claim the object no longer carries is refused too.
      await router.returnToStable(target, otherPortal.claim);
      await expect(
        router.returnToStable(target, otherPortal.claim),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('claim now none'),
      });
    });
  });

  it('refuses a weight that is not a percentage', async () => {
    await expect(
      new SeldonV1TrafficRouter(clusters).setCanary(
        target,
        candidate,
        120,
        write,
      ),
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
