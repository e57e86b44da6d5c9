import {
  RolloutClaim,
  sameClaim,
  ServedVersion,
  ServingTarget,
  TrafficRouter,
  TrafficSplit,
  TrafficWriteUnconfirmedError,
} from '@mlops-portal/plugin-mlops-node';

/**
 * A rollout's traffic write under the rule alias moves follow: an outcome nobody confirmed is not guessed. When
 * the cluster never answers the write (`TrafficWriteUnconfirmedError`), the live object is read back at once and
 * `landed` says whether it shows the write's effect. If it does, the write counts as done. If it does not, or the
 * read fails too, a `TrafficWriteUnconfirmedError` naming what was seen goes to the engine, which neither fails
 * the rollout nor reports the change as done: a step not yet started is tried again on the next tick (every
 * write sets values, so repeating one is safe), and an ending (promotion, roll back) pauses for a person with the
 * claim still held.
 */
export async function confirmTrafficWrite(
  router: TrafficRouter,
  target: ServingTarget,
  write: () => Promise<TrafficSplit>,
  landed: (live: TrafficSplit) => boolean,
): Promise<TrafficSplit> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof TrafficWriteUnconfirmedError)) {
      throw error;
    }
    let live: TrafficSplit;
    try {
      live = await router.readSplit(target);
    } catch (readError) {
      throw new TrafficWriteUnconfirmedError(
        `${error.message}, and reading it back failed too (${
          (readError as Error).message ?? readError
        }): the live split is unknown`,
      );
    }
    if (landed(live)) {
      return live;
    }
    throw new TrafficWriteUnconfirmedError(
      `${error.message}; read back, it has not: ${describeSplit(live)}`,
    );
  }
}

/** What a landed write of each kind leaves on the live object. */
export const landedAs = {
  canary:
    (
      candidate: ServedVersion,
      weight: number,
      claim: RolloutClaim,
      release = false,
    ) =>
    (live: TrafficSplit) =>
      (weight === 0 && release
        ? (live.canary?.weight ?? 0) === 0
        : live.canary?.version === candidate.version &&
          live.canary.weight === weight) &&
      sameClaim(live.claim, claim) !== release,
  shadow:
    (candidate: ServedVersion, claim: RolloutClaim) => (live: TrafficSplit) =>
      live.shadow?.version === candidate.version &&
      sameClaim(live.claim, claim),
  noShadow: (claim: RolloutClaim) => (live: TrafficSplit) =>
    !live.shadow && !sameClaim(live.claim, claim),
  promoted:
    (candidate: ServedVersion, claim: RolloutClaim) => (live: TrafficSplit) =>
      live.stable.version === candidate.version &&
      (live.canary?.weight ?? 0) === 0 &&
      !sameClaim(live.claim, claim),
};

/** A live split in words, e.g. "stable v4 70%, canary v5 30%". */
export function describeSplit(live: TrafficSplit): string {
  const parts = [
    `stable v${live.stable.version ?? '?'} ${live.stable.weight}%`,
  ];
  if (live.canary) {
    parts.push(`canary v${live.canary.version ?? '?'} ${live.canary.weight}%`);
  }
  if (live.shadow) {
    parts.push(`shadow v${live.shadow.version ?? '?'}`);
  }
  return parts.join(', ');
}
