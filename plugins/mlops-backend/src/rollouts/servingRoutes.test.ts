import { ConfigReader } from '@backstage/config';
import { SeldonV1TrafficRouter } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import {
  KubernetesClusters,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
import { startKubernetesStandIn } from '@mlops-portal/sandbox';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import {
  FRAUD_DETECTOR_TARGET as target,
  LOST_CLAIM as lost,
  servingRoutesClient,
} from '../__testUtils__/servingRoutesClient';
import {
  AMIRA,
  fraudDetectorModel,
  MALLORY,
} from '../__testUtils__/startMlopsBackend';

const t = mlopsRouteHarness();
const { readServing, returnToStable, startRollout } = servingRoutesClient(t);

/*
 * The live serving routes against the sandbox's Kubernetes stand-in through the real @kubernetes/client-node:
 * the split is read from the cluster, an orphan (traffic claimed by a rollout this portal does not know) is
 * named, blocks a new rollout, and goes away with one permission-checked write.
 */
describe('live serving routes', () => {
  let standIn: Awaited<ReturnType<typeof startKubernetesStandIn>>;
  const sdep = () =>
    standIn.fake.get(
      'machinelearning.seldon.io',
      'seldondeployments',
      'fraud',
      'fraud-detector',
    ) as any;

  beforeEach(async () => {
    standIn = await startKubernetesStandIn();
    const model = fraudDetectorModel();
    model.spec.serving = { ...model.spec.serving!, cluster: 'sandbox' };
    await t.restart({
      entities: [model],
      config: {
        backend: { baseUrl: 'https://this.portal' },
        kubernetes: standIn.kubernetesConfig,
      },
    });
  });
  afterEach(() => standIn.close());

  /** A canary at 20% left behind by a rollout of another portal (or of a database that is gone). */
  const orphanCanary = () =>
    new SeldonV1TrafficRouter(
      KubernetesClusters.fromConfig(
        new ConfigReader({ kubernetes: standIn.kubernetesConfig }),
      ),
    ).setCanary(
      target,
      { version: '6', modelUri: 'mlflow-artifacts:/1/run6/artifacts/model' },
      20,
      { claim: lost },
    );

  it('reads the live split from the cluster, with no orphan when all traffic is on stable', async () => {
    const res = await readServing();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      platform: 'seldon',
      platformTitle: 'Seldon Core v1',
      target,
      split: { stable: { weight: 100 } },
    });
    expect(res.body.orphan).toBeUndefined();
    expect(res.body.claim).toBeUndefined();
  });

  it('names traffic no rollout drives, and refuses to start a rollout over it', async () => {
    await orphanCanary();
    const res = await readServing();
    expect(res.body.split).toMatchObject({
      stable: { weight: 80 },
      canary: { version: '6', weight: 20 },
    });
    expect(res.body.claim).toEqual(lost);
    expect(res.body.drivenBy).toBeUndefined();
    expect(res.body.orphan).toBe(
      "v6 receives 20% and no rollout drives it (claimed by rollout lost-rollout of portal 'https://old.portal')",
    );

    const start = await startRollout();
    expect(start.status).toBe(409);
    expect(start.body.error.message).toMatch(
      /claimed by rollout lost-rollout of portal 'https:\/\/old.portal'/,
    );
    // Nothing was written.
    expect(
      sdep().spec.predictors.find((p: any) => p.name === 'canary').traffic,
    ).toBe(20);
  });

  it('returns all traffic to stable in one write that clears the claim, for someone allowed, when the claim is the one seen', async () => {
    await orphanCanary();
    const reset = (user: string, body: object) => returnToStable(body, user);

    expect((await reset(MALLORY, { reason: 'clean up' })).status).toBe(403);
    const stale = await reset(AMIRA, {
      reason: 'clean up',
      expectedClaim: { rolloutId: 'other', instanceId: 'https://old.portal' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed since it was read/);
    expect(sdep().metadata.annotations[ROLLOUT_CLAIM_KEY]).toBeDefined();

    const before = Number(sdep().metadata.resourceVersion);
    const done = await reset(AMIRA, {
      reason: 'orphaned canary after a restore',
      expectedClaim: lost,
    });
    expect(done.status).toBe(200);
    expect(done.body.split).toEqual({
      stable: expect.objectContaining({ weight: 100 }),
    });
    expect(done.body.claim).toBeUndefined();
    expect(done.body.orphan).toBeUndefined();
    // One write: the stand-in counts every write in resourceVersion.
    expect(Number(sdep().metadata.resourceVersion)).toBe(before + 1);
    expect(sdep().metadata.annotations?.[ROLLOUT_CLAIM_KEY]).toBeUndefined();
    expect(sdep().spec.predictors.map((p: any) => p.name)).not.toContain(
      'canary',
    );
  });

  it('refuses to return traffic a rollout of this portal drives (abort it instead)', async () => {
    const start = await startRollout();
    expect(start.status).toBe(201);
    const live = await readServing();
    expect(live.body.drivenBy).toEqual({
      rolloutId: start.body.id,
      state: 'Progressing',
    });
    const reset = await returnToStable({ reason: 'not while it runs' });
    expect(reset.status).toBe(409);
    expect(reset.body.error.message).toMatch(/abort it instead/);
  });

  it('answers 503 naming the cluster when it cannot be reached', async () => {
    await standIn.close();
    const res = await readServing();
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /fraud\/fraud-detector on cluster 'sandbox' could not be reached/,
    );
    standIn = await startKubernetesStandIn();
  });
});
