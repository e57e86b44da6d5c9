import {
  ClaimedWrite,
  ServedVersion,
  ServingTarget,
} from '@mlops-portal/plugin-mlops-node';
import { claimedChange } from './claimedChange';
import {
  experimentName,
  SeldonV2Rollout,
  shadowName,
} from './seldonV2Resources';
import { experimentOf, servingCopy } from './seldonV2Writes';

/**
 * Loads the candidate as Model `<stable>-shadow` and mirrors all of the stable endpoint's traffic to it through
 * the Experiment's `mirror` (its answers are discarded), keeping any canary split.
 */
export async function setShadow(
  rollout: SeldonV2Rollout,
  target: ServingTarget,
  candidate: ServedVersion,
  write: ClaimedWrite,
): Promise<void> {
  const { cluster, namespace, name } = target;
  const stable = await rollout.models.read(cluster, namespace, name);
  const shadow = shadowName(name);
  await claimedChange(rollout, target, stable, write, undefined, async () => {
    await rollout.models.apply(cluster, namespace, shadow, current =>
      servingCopy(stable, shadow, candidate, current, write),
    );
    await rollout.experiments.apply(
      cluster,
      namespace,
      experimentName(name),
      current =>
        experimentOf(
          target,
          stable,
          current,
          write,
          current?.spec.candidates ?? [{ name, weight: 100 }],
          { name: shadow, percent: 100 },
        ),
    );
  });
}

/** Stops the mirror (removing the Experiment if no canary has traffic) and deletes the shadow's Model. */
export async function removeShadow(
  rollout: SeldonV2Rollout,
  target: ServingTarget,
  write: ClaimedWrite,
): Promise<void> {
  const { cluster, namespace, name } = target;
  const stable = await rollout.models.read(cluster, namespace, name);
  await claimedChange(rollout, target, stable, write, undefined, async () => {
    await rollout.experiments.apply(
      cluster,
      namespace,
      experimentName(name),
      current => {
        if (!current?.spec.mirror) {
          return undefined;
        }
        const splits = current.spec.candidates.some(
          c => c.name !== name && c.weight > 0,
        );
        return splits
          ? experimentOf(
              target,
              stable,
              current,
              write,
              current.spec.candidates,
            )
          : null;
      },
    );
    await rollout.models.remove(cluster, namespace, shadowName(name));
  });
}
