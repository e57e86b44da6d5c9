import { formatClaim } from '@mlops-portal/plugin-mlops-node';
import {
  candidate,
  otherPortal,
  otherRollout,
  release,
  startSandboxFraudDetector,
  target,
  write,
} from './__testUtils__/sandboxFraudDetector';

/*
 * The rollout's claim on the SeldonDeployment (annotation mlops.backstage.io/rollout), written and released with
 * the traffic, through the real @kubernetes/client-node against the sandbox's Kubernetes API stand-in over HTTP.
 */
describe("Seldon Core v1 traffic router: the rollout's claim", () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxFraudDetector>>;

  beforeEach(async () => {
    sandbox = await startSandboxFraudDetector();
  });

  afterEach(() => sandbox.stop());

  it('is written in the same write as the first traffic change, and read back with the split', async () => {
    const { router, stored, writes, annotation } = sandbox;
    expect(annotation()).toBeUndefined();
    await router.setCanary(target, candidate, 5, write);
    // One write: the canary predictor and the claim together.
    expect(writes()).toEqual([
      'PUT /apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector',
    ]);
    expect(annotation()).toBe(formatClaim(write.claim));
    expect(JSON.parse(annotation()!)).toEqual({
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
      const { router, fake, stored, writes } = sandbox;
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
    const { router, fake, writes, annotation } = sandbox;
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
    const { router, fake, stored, writes, annotation } = sandbox;
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
    const { router, fake, stored, writes } = sandbox;
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
