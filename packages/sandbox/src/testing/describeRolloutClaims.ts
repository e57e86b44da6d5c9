/* eslint-disable jest/no-export -- a shared suite: its tests are defined where a router's test file calls it, never on import */
/*
 * TEST HARNESS: the conformance suite every traffic router's rollout claim must pass. The router packages run it
 * against their own router and the Kubernetes API stand-in; what is particular to a platform (which objects carry
 * the claim, what else a write changes) comes in through the options. Typed structurally: the sandbox depends on
 * no plugin package.
 */

/** A rollout's claim on a serving object (plugin-mlops-node's `RolloutClaim`). */
export type RolloutClaimOwner = { rolloutId: string; instanceId: string };

/** A traffic write on behalf of a rollout (plugin-mlops-node's `ClaimedWrite`). */
export type RolloutClaimWrite = { claim: RolloutClaimOwner; release?: boolean };

/** The rollouts the suite writes for: the one under test, and two others that may hold the object instead. */
export const rolloutClaimFixtures = {
  /** A traffic write of rollout r1 of portal-a. */
  write: { claim: { rolloutId: 'r1', instanceId: 'portal-a' } },
  /** The split's report of that rollout's claim. */
  claimed: { claim: { rolloutId: 'r1', instanceId: 'portal-a' } },
  /** The write ending rollout r1 of portal-a, releasing its claim. */
  release: {
    claim: { rolloutId: 'r1', instanceId: 'portal-a' },
    release: true,
  },
  /** Another rollout of the same portal. */
  otherRollout: { claim: { rolloutId: 'r0', instanceId: 'portal-a' } },
  /** The same rollout id from another portal. */
  otherPortal: { claim: { rolloutId: 'r1', instanceId: 'portal-b' } },
};

/** The traffic router methods the suite drives (plugin-mlops-node's `TrafficRouter`). */
export interface ClaimingTrafficRouter<Target, Candidate> {
  readSplit(target: Target): Promise<{ claim?: RolloutClaimOwner }>;
  setCanary(
    target: Target,
    candidate: Candidate,
    weight: number,
    write: RolloutClaimWrite,
  ): Promise<unknown>;
  promoteCanary(target: Target, write: RolloutClaimWrite): Promise<unknown>;
  setShadow(
    target: Target,
    candidate: Candidate,
    write: RolloutClaimWrite,
  ): Promise<unknown>;
  removeShadow(target: Target, write: RolloutClaimWrite): Promise<unknown>;
  returnToStable(
    target: Target,
    expected: RolloutClaimOwner | undefined,
  ): Promise<unknown>;
}

/** What a test runs against: the router and the Kubernetes API stand-in it writes to. */
export interface RolloutClaimStand<Target, Candidate> {
  router: ClaimingTrafficRouter<Target, Candidate>;
  /** The stand-in's request log, as `METHOD path`; the suite empties it before the step it counts the writes of. */
  fake: { calls: string[] };
  /** The writes in that log. */
  writes(): string[];
}

/** The writes (`METHOD path`) each step of the suite makes on the platform. */
export type RolloutClaimWrites = {
  /** The first canary (5%): the claim goes with it. */
  firstCanary: string[];
  /** The same rollout's next canary weight (50%). */
  moreTraffic: string[];
  /** Rolling the canary back to 0%, releasing the claim. */
  rollback: string[];
  /** Promoting the canary, releasing the claim. */
  promote: string[];
  /** returnToStable from a canary (and a shadow, where the platform has them). */
  returnToStable: string[];
  /** The first shadow, where the platform has them. */
  firstShadow?: string[];
  /** Removing that shadow, releasing the claim. */
  shadowRemoved?: string[];
};

export type RolloutClaimSuiteOptions<
  Target,
  Candidate extends { version: string },
  Stand extends RolloutClaimStand<Target, Candidate>,
> = {
  /** Names the suite: `<platform> traffic router: the rollout's claim`. */
  platform: string;
  /** Starts the stand-in holding the serving object at `stableVersion`, with no claim and no canary. */
  start(): Stand | Promise<Stand>;
  stop?(stand: Stand): void | Promise<void>;
  target: Target;
  /** Served at `stableVersion` before any rollout. */
  stableVersion: string;
  /** The version the rollout brings in. */
  candidate: Candidate;
  /** Another version, promoted after `candidate` was rolled back. */
  nextCandidate: Candidate;
  /** A version to shadow; absent where the platform refuses shadows. */
  shadowCandidate?: Candidate;
  /** The object a refusal names as claimed, `Kind namespace/name`. */
  claimedObject: string;
  /** plugin-mlops-node's `formatClaim`: the annotation value a claim is written as. */
  formatClaim(claim: RolloutClaimOwner): string;
  /** The claim annotation on the object that holds the rollout's claim. */
  claimOf(stand: Stand): string | undefined;
  /** The canary's weight as the stored objects give it. */
  canaryWeightOf(stand: Stand): number | undefined;
  /** Every object the router may write, to show a refused write changed nothing. */
  snapshotOf(stand: Stand): unknown;
  writes: RolloutClaimWrites;
  /** What returnToStable answers after a canary (and a shadow). */
  returnedToStable: unknown;
  /** Tests of the platform's own, defined in the suite and run on the stand it starts for each. */
  specificTests?(stand: () => Stand): void;
  /** What the platform checks beyond the claim, after the suite's step of that name. */
  checks?: {
    afterFirstCanary?(stand: Stand): void | Promise<void>;
    afterFirstShadow?(stand: Stand): void | Promise<void>;
    afterRollback?(stand: Stand): void | Promise<void>;
    afterPromote?(stand: Stand): void | Promise<void>;
    afterShadowRemoved?(stand: Stand): void | Promise<void>;
    afterReturnToStable?(stand: Stand): void | Promise<void>;
  };
};

/**
 * The rollout's claim (annotation mlops.backstage.io/rollout), as every router must keep it: written with the first
 * traffic change and read back with the split, every write refused (409) while another rollout or portal holds it
 * leaving the objects as they were, released by the write ending the rollout, and returnToStable's expected claim.
 */
export function describeRolloutClaims<
  Target,
  Candidate extends { version: string },
  Stand extends RolloutClaimStand<Target, Candidate>,
>(options: RolloutClaimSuiteOptions<Target, Candidate, Stand>) {
  const { target, candidate, nextCandidate, shadowCandidate } = options;
  const { write, claimed, release, otherRollout, otherPortal } =
    rolloutClaimFixtures;
  const checks = options.checks ?? {};

  describe(`${options.platform} traffic router: the rollout's claim`, () => {
    let stand: Stand;

    beforeEach(async () => {
      stand = await options.start();
    });

    afterEach(async () => {
      await options.stop?.(stand);
    });

    const claim = () => options.claimOf(stand);
    const clearCalls = () => {
      stand.fake.calls.length = 0;
    };
    /** Released, the object is free for another rollout. */
    const expectFreeForAnotherRollout = async () => {
      await stand.router.setCanary(target, candidate, 5, otherPortal);
      expect(claim()).toBe(options.formatClaim(otherPortal.claim));
    };

    it('is written in the same write as the first traffic change, and read back with the split', async () => {
      const { router, writes } = stand;
      expect(claim()).toBeUndefined();
      await router.setCanary(target, candidate, 5, write);
      expect(writes()).toEqual(options.writes.firstCanary);
      expect(claim()).toBe(options.formatClaim(write.claim));
      expect(JSON.parse(claim()!)).toEqual({
        rollout: 'r1',
        instance: 'portal-a',
      });
      expect(options.canaryWeightOf(stand)).toBe(5);
      expect(await router.readSplit(target)).toEqual({
        ...claimed,
        stable: { version: options.stableVersion, weight: 95 },
        canary: { version: candidate.version, weight: 5 },
      });
      await checks.afterFirstCanary?.(stand);
      // The same rollout goes on writing.
      clearCalls();
      await router.setCanary(target, candidate, 50, write);
      expect(writes()).toEqual(options.writes.moreTraffic);
      expect(claim()).toBe(options.formatClaim(write.claim));
      expect(options.canaryWeightOf(stand)).toBe(50);
    });

    type Attempt = [
      string,
      (router: ClaimingTrafficRouter<Target, Candidate>) => Promise<unknown>,
    ];
    const shadowAttempts: Attempt[] = shadowCandidate
      ? [['a shadow', r => r.setShadow(target, shadowCandidate, write)]]
      : [];
    const refused: Attempt[] = [
      ['more canary traffic', r => r.setCanary(target, candidate, 50, write)],
      [
        'another canary version',
        r => r.setCanary(target, nextCandidate, 10, write),
      ],
      ['a rollback', r => r.setCanary(target, candidate, 0, release)],
      ['a promotion', r => r.promoteCanary(target, release)],
      ...shadowAttempts,
      ['removing the shadow', r => r.removeShadow(target, release)],
    ];

    it.each([
      ['another rollout', otherRollout, "rollout r0 of portal 'portal-a'"],
      [
        'the same rollout id from another portal',
        otherPortal,
        "rollout r1 of portal 'portal-b'",
      ],
    ])(
      'refuses every write while %s holds it, leaving the objects as they were',
      async (_who, holder, named) => {
        const { router, writes } = stand;
        await router.setCanary(target, candidate, 10, holder);
        const before = options.snapshotOf(stand);
        clearCalls();
        for (const [what, attempt] of refused) {
          await expect(
            attempt(router).then(
              () => `${what} was written`,
              e => e,
            ),
          ).resolves.toMatchObject({
            name: 'ConflictError',
            message: expect.stringContaining(
              `${options.claimedObject} is claimed by ${named}`,
            ),
          });
        }
        expect(writes()).toEqual([]);
        expect(options.snapshotOf(stand)).toEqual(before);
        expect((await router.readSplit(target)).claim).toEqual(holder.claim);
      },
    );

    it('is removed by the write that ends the rollout, rolled back or promoted', async () => {
      const { router, writes } = stand;
      // Rolled back: the canary stays at 0%, unclaimed.
      await router.setCanary(target, candidate, 25, write);
      clearCalls();
      expect(await router.setCanary(target, candidate, 0, release)).toEqual({
        stable: { version: options.stableVersion, weight: 100 },
        canary: { version: candidate.version, weight: 0 },
      });
      expect(writes()).toEqual(options.writes.rollback);
      expect(claim()).toBeUndefined();
      await checks.afterRollback?.(stand);
      // Promoted.
      await router.setCanary(target, nextCandidate, 100, write);
      expect(claim()).toBe(options.formatClaim(write.claim));
      clearCalls();
      expect(await router.promoteCanary(target, release)).toEqual({
        stable: { version: nextCandidate.version, weight: 100 },
      });
      expect(writes()).toEqual(options.writes.promote);
      expect(claim()).toBeUndefined();
      await checks.afterPromote?.(stand);
      await expectFreeForAnotherRollout();
    });

    it('is released by a rollout ending with removeShadow though it set no shadow', async () => {
      const { router } = stand;
      await router.setCanary(target, candidate, 0, write);
      expect(claim()).toBe(options.formatClaim(write.claim));
      await router.removeShadow(target, release);
      expect(claim()).toBeUndefined();
      await expectFreeForAnotherRollout();
    });

    it('returnToStable gives stable all traffic and drops the claim', async () => {
      const { router, writes } = stand;
      await router.setCanary(target, candidate, 30, write);
      if (shadowCandidate) {
        await router.setShadow(target, shadowCandidate, write);
      }
      clearCalls();
      expect(await router.returnToStable(target, write.claim)).toEqual(
        options.returnedToStable,
      );
      expect(writes()).toEqual(options.writes.returnToStable);
      expect(claim()).toBeUndefined();
      await checks.afterReturnToStable?.(stand);
      // Nothing claimed, nothing expected: still a way back to stable.
      expect(await router.returnToStable(target, undefined)).toEqual(
        options.returnedToStable,
      );
    });

    it('returnToStable refuses (409) when the object carries another claim than the one expected', async () => {
      const { router, writes } = stand;
      await router.setCanary(target, candidate, 30, otherPortal);
      const before = options.snapshotOf(stand);
      clearCalls();
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
      expect(options.snapshotOf(stand)).toEqual(before);
      // Expecting a claim the object no longer carries is refused too.
      await router.returnToStable(target, otherPortal.claim);
      await expect(
        router.returnToStable(target, otherPortal.claim),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('claim now none'),
      });
    });

    /** Where the platform has shadows: one is claimed alike, and removing it ends the rollout. */
    function describeShadowClaims() {
      if (!shadowCandidate) {
        return;
      }
      const shadow = shadowCandidate;

      it('is written with a shadow alike, and read back with the split', async () => {
        const { router, writes } = stand;
        await router.setShadow(target, shadow, write);
        expect(writes()).toEqual(options.writes.firstShadow);
        expect(claim()).toBe(options.formatClaim(write.claim));
        expect((await router.readSplit(target)).claim).toEqual(write.claim);
        await checks.afterFirstShadow?.(stand);
        // The same rollout adds a canary beside it.
        await router.setCanary(target, candidate, 5, write);
        expect(claim()).toBe(options.formatClaim(write.claim));
      });

      it('is removed by the write removing the shadow', async () => {
        const { router, writes } = stand;
        await router.setShadow(target, shadow, write);
        clearCalls();
        expect(await router.removeShadow(target, release)).toEqual({
          stable: { version: options.stableVersion, weight: 100 },
        });
        expect(writes()).toEqual(options.writes.shadowRemoved);
        expect(claim()).toBeUndefined();
        await checks.afterShadowRemoved?.(stand);
        await expectFreeForAnotherRollout();
      });
    }

    describeShadowClaims();
    options.specificTests?.(() => stand);
  });
}
