import {
  CANARY_VERSION_KEY,
  formatClaim,
  MODEL_VERSION_KEY,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
import { describeRolloutClaims } from '@mlops-portal/sandbox';
import {
  claimed,
  claimOn,
  startSandboxScorer,
  target,
  v6,
  v7,
  write,
} from './__testUtils__/sandboxScorer';

/*
 * The rollout's claim (annotation mlops.backstage.io/rollout): on the stable Model first, on what the rollout
 * makes, and released by the write ending it, through the real @kubernetes/client-node against the sandbox's
 * Kubernetes API stand-in over HTTP: the sandbox's claim conformance suite, and what only Seldon Core v2's several
 * writes per change can leave half done.
 */
const api = '/apis/mlops.seldon.io/v1alpha1/namespaces/payments';

describeRolloutClaims({
  platform: 'Seldon Core v2',
  start: startSandboxScorer,
  stop: sandbox => sandbox.stop(),
  target,
  stableVersion: '4',
  candidate: v6,
  nextCandidate: v7,
  shadowCandidate: { ...v7, version: '5' },
  claimedObject: 'Model payments/scorer',
  formatClaim,
  claimOf: sandbox => claimOn(sandbox.model('scorer')),
  canaryWeightOf: sandbox =>
    sandbox
      .experiment()
      ?.spec.candidates.find((c: any) => c.name.startsWith('scorer-canary-'))
      ?.weight,
  snapshotOf: sandbox => sandbox.everything(),
  writes: {
    // As many writes as without a claim, the stable Model's first: the candidate and the claim in one.
    firstCanary: [
      `PUT ${api}/models/scorer`,
      `POST ${api}/models`,
      `POST ${api}/experiments`,
    ],
    // The stable Model already says it all and is not written again.
    moreTraffic: [`PUT ${api}/experiments/scorer-rollout`],
    // The claim is removed from the stable Model after the Experiment gives the traffic back.
    rollback: [
      `PUT ${api}/models/scorer-canary-6`,
      `DELETE ${api}/experiments/scorer-rollout`,
      `PUT ${api}/models/scorer`,
    ],
    promote: [
      `DELETE ${api}/experiments/scorer-rollout`,
      `PUT ${api}/models/scorer`,
      `DELETE ${api}/models/scorer-canary-7`,
    ],
    // returnToStable deletes the Experiment, then clears the claim.
    returnToStable: [
      `DELETE ${api}/experiments/scorer-rollout`,
      `DELETE ${api}/models/scorer-shadow`,
      `PUT ${api}/models/scorer-canary-6`,
      `PUT ${api}/models/scorer`,
    ],
    // A shadow: the stable Model is claimed first, a write of its own (nothing else is recorded on it).
    firstShadow: [
      `PUT ${api}/models/scorer`,
      `POST ${api}/models`,
      `POST ${api}/experiments`,
    ],
    shadowRemoved: [
      `DELETE ${api}/experiments/scorer-rollout`,
      `DELETE ${api}/models/scorer-shadow`,
      `PUT ${api}/models/scorer`,
    ],
  },
  // The idle candidate stays loaded; the next canary of another version replaces it.
  returnedToStable: {
    stable: { version: '4', weight: 100 },
    canary: { version: '6', weight: 0 },
  },
  specificTests: sandbox => {
    it('returnToStable stopped between its writes leaves the claim on the stable Model, and a retry finishes', async () => {
      const { router, fake, model, experiment } = sandbox();
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
  },
  checks: {
    afterFirstCanary,
    afterFirstShadow,
    afterRollback,
    afterShadowRemoved,
    afterReturnToStable,
  },
});

type ScorerSandbox = Awaited<ReturnType<typeof startSandboxScorer>>;

function afterFirstCanary({ model, experiment }: ScorerSandbox) {
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
}

function afterFirstShadow({ model, experiment }: ScorerSandbox) {
  expect(claimOn(model('scorer-shadow'))).toBe(formatClaim(write.claim));
  expect(claimOn(experiment())).toBe(formatClaim(write.claim));
}

/** The candidate stays loaded at 0%, and nothing carries the claim. */
function afterRollback({ model, experiment }: ScorerSandbox) {
  expect(claimOn(model('scorer-canary-6'))).toBeUndefined();
  expect(experiment()).toBeUndefined();
}

function afterShadowRemoved({ model }: ScorerSandbox) {
  expect(model('scorer').metadata.annotations).toEqual({
    [MODEL_VERSION_KEY]: '4',
  });
}

/** The stable Model serves alone, unclaimed; the idle candidate stays loaded, unclaimed. */
function afterReturnToStable({ model, experiment }: ScorerSandbox) {
  expect(experiment()).toBeUndefined();
  expect(model('scorer-shadow')).toBeUndefined();
  expect(model('scorer').metadata.annotations).toEqual({
    [MODEL_VERSION_KEY]: '4',
    [CANARY_VERSION_KEY]: '6',
  });
  expect(model('scorer').spec.storageUri).toBe('gs://models/scorer/4');
  expect(claimOn(model('scorer-canary-6'))).toBeUndefined();
}
