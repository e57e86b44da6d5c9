import { mockServices } from '@backstage/backend-test-utils';
import {
  CANARY_VERSION_KEY,
  formatClaim,
  KubernetesClusters,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
import {
  describeRolloutClaims,
  KubernetesFake,
  rolloutClaimFixtures,
  ServingOperatorFake,
  startKubernetesStandIn,
} from '@mlops-portal/sandbox';
import { KServeTrafficRouter } from './KServeTrafficRouter';

/*
 * The router through the real @kubernetes/client-node against the sandbox's Kubernetes API stand-in served over
 * HTTP, optimistic-concurrency conflicts included. The stand-in checks every write against the CRD's schema,
 * strictly as the router asks: a field the CRD does not know, a wrong type or a missing required field fails the
 * write, and so the test.
 */
describe('KServe traffic router', () => {
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
    namespace: 'growth',
    name: 'churn-predictor',
  };
  /** The claim a rollout's traffic writes carry, the split's report of it, and the write releasing it. */
  const { write, claimed, release } = rolloutClaimFixtures;
  const stored = () =>
    fake.get(
      'serving.kserve.io',
      'inferenceservices',
      'growth',
      'churn-predictor',
    ) as any;

  it('shifts traffic with canaryTrafficPercent and promotes by removing it', async () => {
    const router = new KServeTrafficRouter(clusters);
    expect(await router.readSplit(target)).toEqual({
      stable: { version: '2', weight: 100 },
    });
    expect(
      await router.setCanary(
        target,
        { version: '3', modelUri: 'mlflow-artifacts:/2/run3/model' },
        25,
        write,
      ),
    ).toEqual({
      ...claimed,
      stable: { version: '2', weight: 75 },
      canary: { version: '3', weight: 25 },
    });
    // The spec's one storageUri is the canary's while there is one (the previous revision's is not in the spec).
    expect(await router.readModelUris(target)).toEqual({
      canary: 'mlflow-artifacts:/2/run3/model',
    });
    expect(router.manifestSplit.modelUrisOf(stored())).toEqual({
      canary: 'mlflow-artifacts:/2/run3/model',
    });
    expect(stored().spec.predictor).toMatchObject({
      canaryTrafficPercent: 25,
      model: {
        storageUri: 'mlflow-artifacts:/2/run3/model',
        modelFormat: { name: 'lightgbm' },
      },
    });
    expect(await router.promoteCanary(target, release)).toEqual({
      stable: { version: '3', weight: 100 },
    });
    expect(stored().spec.predictor.canaryTrafficPercent).toBeUndefined();
    expect(await router.readModelUris(target)).toEqual({
      stable: 'mlflow-artifacts:/2/run3/model',
    });
  });

  it("reads the new revision's readiness, and refuses a shadow", async () => {
    const router = new KServeTrafficRouter(clusters);
    const operator = new ServingOperatorFake(fake);
    operator.readySeconds = 5;
    operator.reconcile(1_000_000);
    operator.reconcile(1_005_000);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: true,
      message:
        'revision churn-predictor-predictor-00001 of growth/churn-predictor is ready',
    });
    const next = { version: '3', modelUri: 'mlflow-artifacts:/2/run3/model' };
    await router.setCanary(target, next, 0, write);
    operator.reconcile(1_006_000);
    expect(await router.canaryReadiness(target)).toEqual({
      ready: false,
      message:
        'revision churn-predictor-predictor-00002 of growth/churn-predictor is not ready (latest ready: churn-predictor-predictor-00001)',
    });
    operator.reconcile(1_011_000);
    expect((await router.canaryReadiness(target)).ready).toBe(true);
    await expect(router.setShadow(target)).rejects.toThrow(
      /KServe cannot send a shadow copy of traffic/,
    );
  });

  it('maps the arms to revisions as Knative labels their metrics: stable is the last rolled out, canary the latest ready', async () => {
    const router = new KServeTrafficRouter(clusters);
    const operator = new ServingOperatorFake(fake);
    operator.readySeconds = 5;
    const revision = (n: number) =>
      `churn-predictor-predictor-${String(n).padStart(5, '0')}`;
    operator.reconcile(1_000_000);
    operator.reconcile(1_005_000);
    expect(await router.revisions(target)).toEqual({ stable: revision(1) });

    const next = { version: '3', modelUri: 'mlflow-artifacts:/2/run3/model' };
    await router.setCanary(target, next, 25, write);
    // The new revision is created but not ready: all traffic stays on the rolled-out one.
    operator.reconcile(1_006_000);
    expect(stored().status.components.predictor).toMatchObject({
      latestCreatedRevision: revision(2),
      latestReadyRevision: revision(1),
      latestRolledoutRevision: revision(1),
    });
    expect(await router.revisions(target)).toEqual({ stable: revision(1) });
    operator.reconcile(1_011_000);
    expect(await router.revisions(target)).toEqual({
      stable: revision(1),
      canary: revision(2),
    });
    // More traffic, same revisions: a traffic change is no new revision.
    await router.setCanary(target, next, 50, write);
    operator.reconcile(1_012_000);
    expect(await router.revisions(target)).toEqual({
      stable: revision(1),
      canary: revision(2),
    });

    await router.promoteCanary(target, write);
    operator.reconcile(1_013_000);
    expect(stored().status.components.predictor).toMatchObject({
      latestRolledoutRevision: revision(2),
      previousRolledoutRevision: revision(1),
    });
    expect(await router.revisions(target)).toEqual({ stable: revision(2) });
  });

  it('keeps the rolled-out revision stable when a canary is rolled back to 0%', async () => {
    const router = new KServeTrafficRouter(clusters);
    const operator = new ServingOperatorFake(fake);
    operator.readySeconds = 0;
    operator.reconcile();
    await router.setCanary(
      target,
      { version: '3', modelUri: 'mlflow-artifacts:/2/run3/model' },
      30,
      write,
    );
    operator.reconcile();
    await router.setCanary(
      target,
      { version: '3', modelUri: 'mlflow-artifacts:/2/run3/model' },
      0,
      write,
    );
    operator.reconcile();
    expect(await router.revisions(target)).toEqual({
      stable: 'churn-predictor-predictor-00001',
      canary: 'churn-predictor-predictor-00002',
    });
    expect(await router.readSplit(target)).toEqual({
      ...claimed,
      stable: { version: '2', weight: 100 },
      canary: { version: '3', weight: 0 },
    });
  });

  const isvc =
    'PUT /apis/serving.kserve.io/v1beta1/namespaces/growth/inferenceservices/churn-predictor';
  // Every change, the claim's included, is one write of the InferenceService.
  describeRolloutClaims({
    platform: 'KServe',
    start: () => ({
      router: new KServeTrafficRouter(clusters),
      fake,
      writes: standIn.writes,
    }),
    target,
    stableVersion: '2',
    candidate: { version: '3', modelUri: 'mlflow-artifacts:/2/run3/model' },
    nextCandidate: { version: '4', modelUri: 'mlflow-artifacts:/2/run4/model' },
    claimedObject: 'InferenceService growth/churn-predictor',
    formatClaim,
    claimOf: () => stored().metadata.annotations?.[ROLLOUT_CLAIM_KEY],
    canaryWeightOf: () => stored().spec.predictor.canaryTrafficPercent,
    snapshotOf: stored,
    writes: {
      firstCanary: [isvc],
      moreTraffic: [isvc],
      rollback: [isvc],
      promote: [isvc],
      returnToStable: [isvc],
    },
    // The rolled-out revision gets all traffic; the candidate stays as an idle canary.
    returnedToStable: {
      stable: { version: '2', weight: 100 },
      canary: { version: '3', weight: 0 },
    },
    checks: { afterReturnToStable: expectIdleCanary },
  });

  /** The candidate stays on the InferenceService as a canary without traffic. */
  function expectIdleCanary() {
    expect(stored().spec.predictor.canaryTrafficPercent).toBe(0);
    expect(stored().metadata.annotations[CANARY_VERSION_KEY]).toBe('3');
  }
});
