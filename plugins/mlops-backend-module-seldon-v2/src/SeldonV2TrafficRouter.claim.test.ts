import {
  CANARY_VERSION_KEY,
  formatClaim,
  MODEL_VERSION_KEY,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
import {
  claimed,
  claimOn,
  otherPortal,
  otherRollout,
  release,
  startSandboxScorer,
  target,
  v6,
  v7,
  write,
} from './__testUtils__/sandboxScorer';

/*
 * The rollout's claim (annotation mlops.backstage.io/rollout): on the stable Model first, on what the rollout
 * makes, and released by the write ending it, through the real @kubernetes/client-node against the sandbox's
 * Kubernetes API stand-in over HTTP.
 */
describe("Seldon Core v2 traffic router: the rollout's claim", () => {
  const api = '/apis/mlops.seldon.io/v1alpha1/namespaces/payments';
  let sandbox: Awaited<ReturnType<typeof startSandboxScorer>>;

  beforeEach(async () => {
    sandbox = await startSandboxScorer();
  });

  afterEach(() => sandbox.stop());

  it('goes on the stable Model in the write recording the canary, before the Experiment moves traffic', async () => {
    const { router, fake, model, experiment, writes } = sandbox;
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
    const { router, model, experiment, writes } = sandbox;
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
      const { router, fake, writes, everything } = sandbox;
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
    const { router, fake, model, experiment, writes } = sandbox;
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
    const { router, fake, model, experiment, writes } = sandbox;
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
    const { router, fake, model, experiment } = sandbox;
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
    const { router, fake, writes, everything } = sandbox;
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
