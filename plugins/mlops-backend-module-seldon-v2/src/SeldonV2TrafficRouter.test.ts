import { mockServices } from '@backstage/backend-test-utils';
import {
  CANARY_VERSION_KEY,
  formatClaim,
  KubernetesClusters,
  ROLLOUT_CLAIM_KEY,
  MODEL_VERSION_KEY,
  TrafficRouter,
} from '@mlops-portal/plugin-mlops-node';
import {
  KubernetesFake,
  ServingOperatorFake,
  startKubernetesStandIn,
} from '@mlops-portal/sandbox';
import { SeldonV2TrafficRouter } from './SeldonV2TrafficRouter';

/*
 * The router through the real @kubernetes/client-node against the sandbox's Kubernetes API stand-in served over
 * HTTP, optimistic-concurrency conflicts included. The stand-in checks every write against the Model and
 * Experiment schemas, strictly as the router asks: a field they do not know, a wrong type or a missing required
 * field fails the write, and so the test.
 */
describe('Seldon Core v2 traffic router', () => {
  let standIn: Awaited<ReturnType<typeof startKubernetesStandIn>>;
  let fake: KubernetesFake;
  let router: SeldonV2TrafficRouter;

  const target = { cluster: 'sandbox', namespace: 'payments', name: 'scorer' };
  /** The claim a rollout's traffic writes carry, and the split's report of it. */
  const write = { claim: { rolloutId: 'r1', instanceId: 'portal-a' } };
  const claimed = { claim: write.claim };
  const release = { ...write, release: true };
  const v6 = { version: '6', modelUri: 'mlflow-artifacts:/3/run6/model' };
  const v7 = { version: '7', modelUri: 'mlflow-artifacts:/3/run7/model' };
  const stored = (plural: 'models' | 'experiments', name: string) =>
    fake.get('mlops.seldon.io', plural, 'payments', name) as any;
  const model = (name: string) => stored('models', name);
  const experiment = () => stored('experiments', 'scorer-rollout');

  beforeEach(async () => {
    standIn = await startKubernetesStandIn();
    fake = standIn.fake;
    fake.add('mlops.seldon.io', 'models', {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: {
        name: 'scorer',
        namespace: 'payments',
        labels: { 'backstage.io/kubernetes-id': 'scorer' },
        annotations: { [MODEL_VERSION_KEY]: '4' },
      },
      spec: {
        storageUri: 'gs://models/scorer/4',
        requirements: ['mlflow'],
        memory: '512Mi',
        replicas: 2,
      },
    });
    router = new SeldonV2TrafficRouter(
      KubernetesClusters.fromConfig(
        mockServices.rootConfig({
          data: { kubernetes: standIn.kubernetesConfig },
        }),
      ),
    );
  });

  afterEach(() => standIn.close());

  it('splits the stable endpoint with an Experiment between the stable Model and a clone serving the candidate', async () => {
    expect(await router.readSplit(target)).toEqual({
      stable: { version: '4', weight: 100 },
    });
    expect(await router.setCanary(target, v6, 5, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 95 },
      canary: { version: '6', weight: 5 },
    });
    expect(model('scorer-canary-6')).toMatchObject({
      metadata: {
        labels: { 'backstage.io/kubernetes-id': 'scorer' },
        annotations: { [MODEL_VERSION_KEY]: '6' },
      },
      spec: {
        storageUri: v6.modelUri,
        requirements: ['mlflow'],
        memory: '512Mi',
        replicas: 2,
      },
    });
    expect(experiment().spec).toEqual({
      default: 'scorer',
      candidates: [
        { name: 'scorer', weight: 95 },
        { name: 'scorer-canary-6', weight: 5 },
      ],
    });
    // The stable Model only records the candidate: its spec, and so what Seldon serves, is untouched.
    const stable = model('scorer');
    expect(stable.metadata.annotations[CANARY_VERSION_KEY]).toBe('6');
    expect(stable.metadata.generation).toBe(1);
    expect(stable.spec.storageUri).toBe('gs://models/scorer/4');

    // A/B: the same Experiment, an even split.
    expect(await router.setCanary(target, v6, 50, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 50 },
      canary: { version: '6', weight: 50 },
    });
    expect(experiment().spec.candidates.map((c: any) => c.weight)).toEqual([
      50, 50,
    ]);
    expect(await router.metricPredictors(target)).toEqual({
      stable: 'scorer',
      canary: 'scorer-canary-6',
    });
  });

  it('at 0% keeps the candidate loaded without an Experiment, and replaces a canary of another version', async () => {
    await router.setCanary(target, v6, 25, write);
    expect(await router.setCanary(target, v6, 0, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 100 },
      canary: { version: '6', weight: 0 },
    });
    expect(experiment()).toBeUndefined();
    expect(model('scorer-canary-6')).toBeDefined();

    expect(await router.setCanary(target, v7, 10, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 90 },
      canary: { version: '7', weight: 10 },
    });
    expect(model('scorer-canary-6')).toBeUndefined();
    expect(model('scorer-canary-7').spec.storageUri).toBe(v7.modelUri);
    expect(experiment().spec.candidates).toEqual([
      { name: 'scorer', weight: 90 },
      { name: 'scorer-canary-7', weight: 10 },
    ]);
  });

  it('promotes: the stable Model takes the candidate, and the Experiment and the candidate Model go', async () => {
    await router.setCanary(target, v6, 100, write);
    expect(experiment().spec.candidates).toEqual([
      { name: 'scorer', weight: 0 },
      { name: 'scorer-canary-6', weight: 100 },
    ]);
    expect(await router.promoteCanary(target, release)).toEqual({
      stable: { version: '6', weight: 100 },
    });
    const stable = model('scorer');
    expect(stable.spec).toEqual({
      storageUri: v6.modelUri,
      requirements: ['mlflow'],
      memory: '512Mi',
      replicas: 2,
    });
    expect(stable.metadata.annotations).toEqual({ [MODEL_VERSION_KEY]: '6' });
    expect(stable.metadata.generation).toBe(2);
    expect(experiment()).toBeUndefined();
    expect(model('scorer-canary-6')).toBeUndefined();
    await expect(router.promoteCanary(target, write)).rejects.toMatchObject({
      name: 'InputError',
      message: 'Model payments/scorer has no canary',
    });
  });

  it('mirrors all traffic to a shadow Model through the Experiment, beside a canary, and removes it', async () => {
    expect(
      await router.setShadow(target, { ...v6, version: '5' }, write),
    ).toEqual({
      ...claimed,
      stable: { version: '4', weight: 100 },
      shadow: { version: '5' },
    });
    expect(experiment().spec).toEqual({
      default: 'scorer',
      candidates: [{ name: 'scorer', weight: 100 }],
      mirror: { name: 'scorer-shadow', percent: 100 },
    });
    expect(model('scorer-shadow').spec.storageUri).toBe(v6.modelUri);

    // A canary joins the split and keeps the mirror; at 0% the Experiment stays for the mirror's sake.
    expect(await router.setCanary(target, v7, 10, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 90 },
      canary: { version: '7', weight: 10 },
      shadow: { version: '5' },
    });
    expect(experiment().spec.mirror).toEqual({
      name: 'scorer-shadow',
      percent: 100,
    });
    expect(await router.metricPredictors(target)).toEqual({
      stable: 'scorer',
      canary: 'scorer-canary-7',
      shadow: 'scorer-shadow',
    });
    await router.setCanary(target, v7, 0, write);
    expect(experiment().spec.candidates).toEqual([
      { name: 'scorer', weight: 100 },
    ]);

    expect(await router.removeShadow(target, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 100 },
      canary: { version: '7', weight: 0 },
    });
    expect(experiment()).toBeUndefined();
    expect(model('scorer-shadow')).toBeUndefined();
  });

  it('removing a shadow keeps the canary split', async () => {
    await router.setShadow(target, v6, write);
    await router.setCanary(target, v7, 30, write);
    await router.removeShadow(target, write);
    expect(experiment().spec).toEqual({
      default: 'scorer',
      candidates: [
        { name: 'scorer', weight: 70 },
        { name: 'scorer-canary-7', weight: 30 },
      ],
    });
    // Without a shadow, removing one changes nothing.
    expect(await router.removeShadow(target, write)).toEqual({
      ...claimed,
      stable: { version: '4', weight: 70 },
      canary: { version: '7', weight: 30 },
    });
  });

  it("reads the canary's readiness from the Model's and the Experiment's status, before and after Seldon reports", async () => {
    const operator = new ServingOperatorFake(fake);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message: 'payments/scorer has no canary model',
    });
    await router.setCanary(target, v6, 0, write);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message: 'Seldon has not yet reported on Model payments/scorer-canary-6',
    });
    operator.readySeconds = 5;
    operator.reconcile(1_000_000);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message:
        'Model payments/scorer-canary-6 is not ready: ModelReady is False (ModelProgressing: loading the model onto a server)',
    });
    operator.reconcile(1_005_000);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: true,
      message:
        "the canary's Model payments/scorer-canary-6 is available (2/2 replicas)",
    });
    // With traffic, the Experiment routing it must be active too.
    await router.setCanary(target, v6, 50, write);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message:
        'Seldon has not yet reported on Experiment payments/scorer-rollout',
    });
    operator.reconcile(1_006_000);
    expect((await router.canaryReadiness(target)).ready).toBe(true);
    expect(experiment().status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'CandidatesReady', status: 'True' }),
      ]),
    );
  });

  it('reports a candidate Seldon fails to load, and an Experiment waiting for it', async () => {
    const operator = new ServingOperatorFake(fake);
    operator.readySeconds = 1;
    operator.unreadyVersions.add('7');
    await router.setCanary(target, v7, 20, write);
    operator.reconcile(2_000_000);
    operator.reconcile(2_001_000);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message:
        'Model payments/scorer-canary-7 is not ready: ModelReady is False (ModelFailed: the model server failed to load it)',
    });
    expect(experiment().status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'ExperimentReady', status: 'False' }),
        expect.objectContaining({ type: 'CandidatesReady', status: 'False' }),
      ]),
    );
  });

  it('re-reads and re-applies after a 409, never overwriting the newer object', async () => {
    await router.setCanary(target, v6, 5, write);
    fake.calls.length = 0;
    fake.conflictsToInject = 2;
    await router.setCanary(target, v6, 20, write);
    const experimentPath =
      '/apis/mlops.seldon.io/v1alpha1/namespaces/payments/experiments/scorer-rollout';
    expect(fake.calls.filter(c => c === `PUT ${experimentPath}`)).toHaveLength(
      3,
    );
    expect(experiment().spec.candidates.map((c: any) => c.weight)).toEqual([
      80, 20,
    ]);
  });

  it('gives up with a conflict after repeated 409s', async () => {
    fake.conflictsToInject = 10;
    await expect(router.setCanary(target, v6, 5, write)).rejects.toMatchObject({
      name: 'ConflictError',
    });
  });

  it('refuses smoke requests, which Seldon v2 routes by a header the service proxy cannot send', async () => {
    await router.setCanary(target, v6, 0, write);
    const asRouter: TrafficRouter = router;
    await expect(
      asRouter.sendToCanary(target, {
        path: '/v2/models/scorer/infer',
        body: {},
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /smoke requests are not supported on Seldon Core v2/,
      ),
    });
    expect(fake.calls.some(c => c.includes('/proxy'))).toBe(false);
  });

  it('refuses a weight that is not a percentage, and names an unknown cluster or Model', async () => {
    await expect(
      router.setCanary(target, v6, 120, write),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
    await expect(
      router.readSplit({ ...target, cluster: 'prod-eu' }),
    ).rejects.toThrow("No Kubernetes cluster named 'prod-eu' is configured");
    await expect(
      router.readSplit({ ...target, name: 'absent' }),
    ).rejects.toMatchObject({ code: 404 });
  });

  describe("the rollout's claim", () => {
    const api = '/apis/mlops.seldon.io/v1alpha1/namespaces/payments';
    const writes = () =>
      fake.calls.filter(c => /^(PUT|POST|PATCH|DELETE) /.test(c));
    const claimOn = (object: any) =>
      object?.metadata.annotations?.[ROLLOUT_CLAIM_KEY];
    const everything = () => [
      ...fake.listAll('mlops.seldon.io', 'models'),
      ...fake.listAll('mlops.seldon.io', 'experiments'),
    ];
    const otherRollout = { claim: { rolloutId: 'r0', instanceId: 'portal-a' } };
    const otherPortal = { claim: { rolloutId: 'r1', instanceId: 'portal-b' } };

    it('goes on the stable Model in the write recording the canary, before the Experiment moves traffic', async () => {
      expect(claimOn(model('scorer'))).toBeUndefined();
      await router.setCanary(target, v6, 5, write);
      // As many writes as without a claim, the stable Model's first: the candidate and the claim in one.
      expect(writes()).toEqual([
        `PUT ${api}/models/scorer`,
        `POST ${api}/models`,
        `POST ${api}/experiments`,
      ]);
      const stable = model('scorer');
      expect(stable.metadata.annotations).toEqual({
        [MODEL_VERSION_KEY]: '4',
        [CANARY_VERSION_KEY]: '6',
        [ROLLOUT_CLAIM_KEY]: formatClaim(write.claim),
      });
      expect(stable.metadata.generation).toBe(1);
      // What the rollout made carries it too.
      expect(claimOn(model('scorer-canary-6'))).toBe(formatClaim(write.claim));
      expect(claimOn(experiment())).toBe(formatClaim(write.claim));
      expect(await router.readSplit(target)).toEqual({
        ...claimed,
        stable: { version: '4', weight: 95 },
        canary: { version: '6', weight: 5 },
      });
      // More traffic: the stable Model already says it all and is not written again.
      fake.calls.length = 0;
      await router.setCanary(target, v6, 50, write);
      expect(writes()).toEqual([`PUT ${api}/experiments/scorer-rollout`]);
    });

    it('a shadow: the stable Model is claimed first (a write of its own: nothing else is recorded on it)', async () => {
      await router.setShadow(target, v6, write);
      expect(writes()).toEqual([
        `PUT ${api}/models/scorer`,
        `POST ${api}/models`,
        `POST ${api}/experiments`,
      ]);
      expect(claimOn(model('scorer'))).toBe(formatClaim(write.claim));
      expect(claimOn(model('scorer-shadow'))).toBe(formatClaim(write.claim));
      expect(claimOn(experiment())).toBe(formatClaim(write.claim));
      expect((await router.readSplit(target)).claim).toEqual(write.claim);
    });

    it.each([
      ['another rollout', otherRollout, "rollout r0 of portal 'portal-a'"],
      [
        'the same rollout id from another portal',
        otherPortal,
        "rollout r1 of portal 'portal-b'",
      ],
    ])(
      'refuses every write while %s holds the stable Model, writing nothing',
      async (_who, holder, named) => {
        await router.setCanary(target, v6, 10, holder);
        const before = everything();
        fake.calls.length = 0;
        for (const attempt of [
          () => router.setCanary(target, v6, 50, write),
          () => router.setCanary(target, v7, 10, write),
          () => router.setCanary(target, v6, 0, release),
          () => router.promoteCanary(target, release),
          () => router.setShadow(target, v7, write),
          () => router.removeShadow(target, release),
        ]) {
          await expect(attempt()).rejects.toMatchObject({
            name: 'ConflictError',
            message: expect.stringContaining(
              `Model payments/scorer is claimed by ${named}`,
            ),
          });
        }
        expect(writes()).toEqual([]);
        expect(everything()).toEqual(before);
        expect((await router.readSplit(target)).claim).toEqual(holder.claim);
      },
    );

    it('is removed from the stable Model by the write ending the rollout, after the Experiment gives the traffic back', async () => {
      // Rolled back: the candidate stays loaded at 0%, and nothing carries the claim.
      await router.setCanary(target, v6, 25, write);
      fake.calls.length = 0;
      expect(await router.setCanary(target, v6, 0, release)).toEqual({
        stable: { version: '4', weight: 100 },
        canary: { version: '6', weight: 0 },
      });
      expect(writes()).toEqual([
        `PUT ${api}/models/scorer-canary-6`,
        `DELETE ${api}/experiments/scorer-rollout`,
        `PUT ${api}/models/scorer`,
      ]);
      expect(claimOn(model('scorer'))).toBeUndefined();
      expect(claimOn(model('scorer-canary-6'))).toBeUndefined();
      expect(experiment()).toBeUndefined();

      // Promoted.
      await router.setCanary(target, v7, 100, write);
      expect(claimOn(model('scorer'))).toBe(formatClaim(write.claim));
      fake.calls.length = 0;
      expect(await router.promoteCanary(target, release)).toEqual({
        stable: { version: '7', weight: 100 },
      });
      expect(writes()).toEqual([
        `DELETE ${api}/experiments/scorer-rollout`,
        `PUT ${api}/models/scorer`,
        `DELETE ${api}/models/scorer-canary-7`,
      ]);
      expect(claimOn(model('scorer'))).toBeUndefined();

      // A shadow removed.
      await router.setShadow(target, v6, write);
      fake.calls.length = 0;
      expect(await router.removeShadow(target, release)).toEqual({
        stable: { version: '7', weight: 100 },
      });
      expect(writes()).toEqual([
        `DELETE ${api}/experiments/scorer-rollout`,
        `DELETE ${api}/models/scorer-shadow`,
        `PUT ${api}/models/scorer`,
      ]);
      expect(model('scorer').metadata.annotations).toEqual({
        [MODEL_VERSION_KEY]: '7',
      });

      // Released, the Model is free for another rollout.
      await router.setCanary(target, v6, 5, otherPortal);
      expect(claimOn(model('scorer'))).toBe(formatClaim(otherPortal.claim));
    });

    it('returnToStable deletes the Experiment, then clears the claim: the stable Model serves alone', async () => {
      await router.setCanary(target, v6, 30, write);
      await router.setShadow(target, { ...v7, version: '5' }, write);
      fake.calls.length = 0;
      expect(await router.returnToStable(target, write.claim)).toEqual({
        stable: { version: '4', weight: 100 },
        canary: { version: '6', weight: 0 },
      });
      expect(writes()).toEqual([
        `DELETE ${api}/experiments/scorer-rollout`,
        `DELETE ${api}/models/scorer-shadow`,
        `PUT ${api}/models/scorer-canary-6`,
        `PUT ${api}/models/scorer`,
      ]);
      expect(experiment()).toBeUndefined();
      expect(model('scorer-shadow')).toBeUndefined();
      expect(model('scorer').metadata.annotations).toEqual({
        [MODEL_VERSION_KEY]: '4',
        [CANARY_VERSION_KEY]: '6',
      });
      expect(model('scorer').spec.storageUri).toBe('gs://models/scorer/4');
      // The idle candidate stays loaded, unclaimed; the next canary of another version replaces it.
      expect(claimOn(model('scorer-canary-6'))).toBeUndefined();
    });

    it('returnToStable stopped between its writes leaves the claim on the stable Model, and a retry finishes', async () => {
      await router.setCanary(target, v6, 30, write);
      fake.conflictsToInject = 5;
      await expect(
        router.returnToStable(target, write.claim),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(experiment()).toBeUndefined();
      expect(await router.readSplit(target)).toEqual({
        ...claimed,
        stable: { version: '4', weight: 100 },
        canary: { version: '6', weight: 0 },
      });
      fake.conflictsToInject = 0;
      expect((await router.returnToStable(target, write.claim)).claim).toBe(
        undefined,
      );
      expect(claimOn(model('scorer'))).toBeUndefined();
    });

    it('returnToStable refuses (409) when the stable Model carries another claim than the one expected', async () => {
      await router.setCanary(target, v6, 30, otherPortal);
      const before = everything();
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
      expect(everything()).toEqual(before);
      await router.returnToStable(target, otherPortal.claim);
      await expect(
        router.returnToStable(target, otherPortal.claim),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('claim now none'),
      });
    });
  });
});
