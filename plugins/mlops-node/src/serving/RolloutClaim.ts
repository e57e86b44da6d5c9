import { ConflictError } from '@backstage/errors';

/**
 * The annotation on a serving object that names the rollout driving its traffic.
 *
 * @public
 */
export const ROLLOUT_CLAIM_KEY = 'mlops.backstage.io/rollout';

/**
 * Which rollout of which portal drives a serving object's traffic. A portal's `instanceId` is
 * `mlops.instanceId` (default: its `backend.baseUrl`); replicas of one portal share it and its database.
 *
 * @public
 */
export type RolloutClaim = { rolloutId: string; instanceId: string };

/**
 * A traffic write on behalf of a rollout: the object is claimed by `claim` in the same write, or the claim is
 * released (`release`) at the rollout's end. A write finding another rollout's claim is refused.
 *
 * @public
 */
export type ClaimedWrite = { claim: RolloutClaim; release?: boolean };

/**
 * The annotation's value: `<instanceId>/<rolloutId>` would be ambiguous with URLs, so JSON.
 *
 * @public
 */
export function formatClaim(claim: RolloutClaim): string {
  return JSON.stringify({
    rollout: claim.rolloutId,
    instance: claim.instanceId,
  });
}

/**
 * The claim an annotation value holds; a value not written by a portal is a claim by an unknown owner.
 *
 * @public
 */
export function parseClaim(
  value: string | undefined,
): RolloutClaim | undefined {
  if (!value) {
    return undefined;
  }
  try {
    const { rollout, instance } = JSON.parse(value);
    if (typeof rollout === 'string' && typeof instance === 'string') {
      return { rolloutId: rollout, instanceId: instance };
    }
  } catch {
    // fall through
  }
  return { rolloutId: value, instanceId: '(unknown)' };
}

/**
 * Whether two claims name the same rollout of the same portal; false when either is absent.
 *
 * @public
 */
export const sameClaim = (a?: RolloutClaim, b?: RolloutClaim) =>
  Boolean(
    a && b && a.rolloutId === b.rolloutId && a.instanceId === b.instanceId,
  );

/**
 * The annotations of a serving object after `write`: claimed (or released) for the write's rollout. Throws a
 * 409 naming the claim when another rollout, or another portal, holds the object.
 *
 * @public
 */
export function claimAnnotations(
  annotations: Record<string, string> | undefined,
  write: ClaimedWrite,
  what: string,
): Record<string, string> {
  const held = parseClaim(annotations?.[ROLLOUT_CLAIM_KEY]);
  if (held && !sameClaim(held, write.claim)) {
    throw new ConflictError(
      `${what} is claimed by rollout ${held.rolloutId} of portal '${held.instanceId}' (annotation ${ROLLOUT_CLAIM_KEY}); rollout ${write.claim.rolloutId} of portal '${write.claim.instanceId}' leaves it alone. Finish that rollout, or return all traffic to stable from the Deployment tab`,
    );
  }
  const next = { ...annotations };
  if (write.release) {
    delete next[ROLLOUT_CLAIM_KEY];
  } else {
    next[ROLLOUT_CLAIM_KEY] = formatClaim(write.claim);
  }
  return next;
}

/**
 * The annotations of a serving object whose traffic returns to stable: without the claim. A 409 when the claim
 * on the object is not `expected`, the one the caller saw (none: it saw none), since it changed meanwhile.
 *
 * @public
 */
export function releaseExpectedClaim(
  annotations: Record<string, string> | undefined,
  expected: RolloutClaim | undefined,
  what: string,
): Record<string, string> {
  const held = parseClaim(annotations?.[ROLLOUT_CLAIM_KEY]);
  if (held ? !sameClaim(held, expected) : expected) {
    throw new ConflictError(
      `${what} changed since it was read (claim now ${
        held
          ? `rollout ${held.rolloutId} of portal '${held.instanceId}'`
          : 'none'
      }); look again before returning its traffic to stable`,
    );
  }
  const { [ROLLOUT_CLAIM_KEY]: _released, ...rest } = annotations ?? {};
  return rest;
}
