import {
  claimAnnotations,
  ClaimedWrite,
  releaseExpectedClaim,
  RolloutClaim,
  ServingTarget,
} from '@mlops-portal/plugin-mlops-node';
import { Model, SeldonV2Rollout } from './seldonV2Resources';
import { present } from './seldonV2Writes';

export function modelName(target: ServingTarget) {
  return `Model ${target.namespace}/${target.name}`;
}

/** Refuses (409, naming the holder) a write on behalf of one rollout to a stable Model another one claims. */
export function checkClaim(
  stable: Model,
  write: ClaimedWrite,
  target: ServingTarget,
) {
  claimAnnotations(stable.metadata.annotations, write, modelName(target));
}

/** Refuses (409) to return traffic to stable when the claim on the stable Model is not the one the caller saw. */
export function expectClaim(
  stable: Model,
  expected: RolloutClaim | undefined,
  target: ServingTarget,
) {
  releaseExpectedClaim(
    stable.metadata.annotations,
    expected,
    modelName(target),
  );
}

/**
 * A change on behalf of a rollout: `record` (what the stable Model records of it) and the claim are written on
 * the stable Model, and `traffic` changes the Experiment and the Models beside it. The claim is checked before
 * anything is written, then again, atomically, in the stable Model's write. A claiming write writes the stable
 * Model first, so the claim is there before the Experiment moves traffic; a releasing write writes it last,
 * once the Experiment has given the traffic back. The stable Model's write is skipped when it changes nothing.
 */
export async function claimedChange(
  { models }: SeldonV2Rollout,
  target: ServingTarget,
  stable: Model,
  write: ClaimedWrite,
  record: ((model: Model) => void) | undefined,
  traffic: () => Promise<void>,
) {
  checkClaim(stable, write, target);
  const { cluster, namespace, name } = target;
  const markStable = () =>
    models.apply(cluster, namespace, name, model => {
      const found = present(model, target);
      found.metadata.annotations = claimAnnotations(
        found.metadata.annotations,
        write,
        modelName(target),
      );
      record?.(found);
      return found;
    });
  if (write.release) {
    await traffic();
    await markStable();
  } else {
    await markStable();
    await traffic();
  }
}
