import {
  CANARY_VERSION_KEY,
  MODEL_VERSION_KEY,
  TrafficRouter,
} from '@mlops-portal/plugin-mlops-node';
import { ServingOperatorFake } from '@mlops-portal/sandbox';
import {
  claimed,
  release,
  startSandboxScorer,
  target,
  v6,
  v7,
  write,
} from './__testUtils__/sandboxScorer';

/*
 * The router through the real @kubernetes/client-node against the sandbox's Kubernetes API stand-in served over
 * HTTP, optimistic-concurrency conflicts included: the split through an Experiment, shadows, promotion and the
 * canary's readiness. The rollout's claim on the Models and the Experiment is SeldonV2TrafficRouter.claim.test.ts's.
 */
describe('Seldon Core v2 traffic router', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxScorer>>;

  beforeEach(async () => {
    sandbox = await startSandboxScorer();
  });

  afterEach(() => sandbox.stop());

  it('splits the stable endpoint with an Experiment between the stable Model and a clone serving the candidate', async () => {
    const { router, model, experiment } = sandbox;
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
    const { router, model, experiment } = sandbox;
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
    const { router, model, experiment } = sandbox;
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
    const { router, model, experiment } = sandbox;
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
    const { router, experiment } = sandbox;
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
    const { router, fake, experiment } = sandbox;
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
    const { router, fake, experiment } = sandbox;
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
    const { router, fake, experiment } = sandbox;
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
    const { router, fake } = sandbox;
    fake.conflictsToInject = 10;
    await expect(router.setCanary(target, v6, 5, write)).rejects.toMatchObject({
      name: 'ConflictError',
    });
  });

  it('refuses smoke requests, which Seldon v2 routes by a header the service proxy cannot send', async () => {
    const { router, fake } = sandbox;
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
    const { router } = sandbox;
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
});
