import { InputError } from '@backstage/errors';
import {
  CANARY_VERSION_KEY,
  ClaimedWrite,
  KubernetesClusters,
  MetricPredictors,
  MODEL_VERSION_KEY,
  Readiness,
  ROLLOUT_CLAIM_KEY,
  RolloutClaim,
  ServedVersion,
  ServiceAnswer,
  ServingTarget,
  TrafficRouter,
  TrafficSplit,
} from '@mlops-portal/plugin-mlops-node';
import { canaryReadiness } from './canaryReadiness';
import { checkClaim, claimedChange, expectClaim } from './claimedChange';
import { readRolloutState, splitOf } from './rolloutState';
import { SeldonV2Objects } from './SeldonV2Objects';
import {
  candidateName,
  experimentName,
  SeldonV2Rollout,
  shadowName,
} from './seldonV2Resources';
import { removeShadow, setShadow } from './seldonV2Shadow';
import {
  carried,
  experimentOf,
  present,
  servingCopy,
  withAnnotations,
} from './seldonV2Writes';

/**
 * Seldon Core v2: the stable `Model` (mlops.seldon.io/v1alpha1) named by `spec.serving.resourceName`, a candidate
 * `Model` per canary version cloned from it, and an `Experiment` `<stable>-rollout` whose `default` is the stable
 * Model, so the stable Model's own endpoint carries the split (`candidates` weights) and the shadow (`mirror`).
 * The stable Model's annotations record the versions (`MODEL_VERSION_KEY`, and `CANARY_VERSION_KEY` while a
 * canary exists). With no canary traffic and no shadow the Experiment is removed: the stable Model serves alone.
 *
 * The stable Model is also where a rollout's claim lives (`ROLLOUT_CLAIM_KEY`): every change first checks it
 * (`claimAnnotations`, a 409 naming the holder), a claiming change writes it on the stable Model before the
 * Experiment changes traffic, and a releasing change removes it after the Experiment has given the traffic back.
 * So whenever an Experiment of a rollout routes traffic, the stable Model names that rollout. The Experiment and
 * the candidate and shadow Models carry the same annotation, for whoever looks at them; the stable Model's is the
 * one that counts.
 *
 * @public
 */
export class SeldonV2TrafficRouter implements TrafficRouter {
  private readonly rollout: SeldonV2Rollout;

  constructor(clusters: KubernetesClusters) {
    this.rollout = {
      models: new SeldonV2Objects(clusters, 'models'),
      experiments: new SeldonV2Objects(clusters, 'experiments'),
    };
  }

  /** The live split: the Experiment's candidate weights and mirror (all traffic on the stable Model without one), and the stable Model's claim. */
  async readSplit(target: ServingTarget): Promise<TrafficSplit> {
    return splitOf(await readRolloutState(this.rollout, target));
  }

  /**
   * Clones the stable Model as the candidate's, records the candidate on the stable Model, and sets the
   * Experiment's candidates to `[stable: 100 - weight, candidate: weight]`. At 0% the candidate stays loaded but
   * leaves the Experiment, which goes altogether unless it mirrors a shadow. A canary of another version is
   * replaced: its Model is deleted once no Experiment routes to it. The stable Model's write (the candidate and the
   * claim) comes first; releasing (the rollout's end at 0%), it comes last and removes the claim.
   */
  async setCanary(
    target: ServingTarget,
    candidate: ServedVersion,
    weight: number,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new InputError(
        `A traffic weight is a whole percentage from 0 to 100, not ${weight}`,
      );
    }
    const { cluster, namespace, name } = target;
    const stable = await this.rollout.models.read(cluster, namespace, name);
    const previous = stable.metadata.annotations?.[CANARY_VERSION_KEY];
    const canary = candidateName(name, candidate.version);
    await claimedChange(
      this.rollout,
      target,
      stable,
      write,
      model => {
        model.metadata.annotations = {
          ...model.metadata.annotations,
          [CANARY_VERSION_KEY]: candidate.version,
        };
      },
      async () => {
        await this.rollout.models.apply(cluster, namespace, canary, current =>
          servingCopy(stable, canary, candidate, current, write),
        );
        await this.rollout.experiments.apply(
          cluster,
          namespace,
          experimentName(name),
          current => {
            const mirror = current?.spec.mirror;
            if (weight === 0 && !mirror) {
              return null;
            }
            return experimentOf(
              target,
              stable,
              current,
              write,
              [
                { name, weight: 100 - weight },
                ...(weight > 0 ? [{ name: canary, weight }] : []),
              ],
              mirror,
            );
          },
        );
        if (previous && previous !== candidate.version) {
          await this.rollout.models.remove(
            cluster,
            namespace,
            candidateName(name, previous),
          );
        }
      },
    );
    return this.readSplit(target);
  }

  /**
   * The stable Model takes the candidate's `storageUri` and version, so Seldon loads it as the stable Model's next
   * version; the Experiment (unless it mirrors a shadow) and the candidate Model are removed. Releasing, the
   * Experiment goes first and the stable Model's write (the promotion) removes the claim.
   */
  async promoteCanary(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    const { cluster, namespace, name } = target;
    const state = await readRolloutState(this.rollout, target);
    // Another rollout's claim is the answer before whether there is a canary at all.
    checkClaim(state.stable, write, target);
    if (!state.canary) {
      throw new InputError(`Model ${namespace}/${name} has no canary`);
    }
    const { version, name: canary } = state.canary;
    const candidate = await this.rollout.models.find(
      cluster,
      namespace,
      canary,
    );
    if (!candidate) {
      throw new InputError(
        `Model ${namespace}/${name} names canary v${version}, but its Model ${canary} does not exist`,
      );
    }
    await claimedChange(
      this.rollout,
      target,
      state.stable,
      write,
      model => {
        const annotations: Record<string, string> = {
          ...model.metadata.annotations,
          [MODEL_VERSION_KEY]: version,
        };
        delete annotations[CANARY_VERSION_KEY];
        model.metadata.annotations = annotations;
        if (model.metadata.labels?.[MODEL_VERSION_KEY] !== undefined) {
          model.metadata.labels[MODEL_VERSION_KEY] = version;
        }
        model.spec.storageUri = candidate.spec.storageUri;
      },
      async () => {
        await this.rollout.experiments.apply(
          cluster,
          namespace,
          experimentName(name),
          current =>
            current?.spec.mirror
              ? experimentOf(
                  target,
                  state.stable,
                  current,
                  write,
                  [{ name, weight: 100 }],
                  current.spec.mirror,
                )
              : null,
        );
      },
    );
    await this.rollout.models.remove(cluster, namespace, canary);
    return this.readSplit(target);
  }

  /**
   * Ready when Seldon reports the canary's Model available (`ModelReady` and `Ready` true, all replicas available,
   * for the current generation where Seldon says which it saw) and, while the Experiment routes traffic to it, the
   * Experiment active (`ExperimentReady`, `CandidatesReady` and `Ready` true).
   */
  async canaryReadiness(target: ServingTarget): Promise<Readiness> {
    return canaryReadiness(this.rollout, target);
  }

  /**
   * Loads the candidate as Model `<stable>-shadow` and mirrors all of the stable endpoint's traffic to it through
   * the Experiment's `mirror` (its answers are discarded), keeping any canary split.
   */
  async setShadow(
    target: ServingTarget,
    candidate: ServedVersion,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    await setShadow(this.rollout, target, candidate, write);
    return this.readSplit(target);
  }

  /** Stops the mirror (removing the Experiment if no canary has traffic) and deletes the shadow's Model. */
  async removeShadow(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    await removeShadow(this.rollout, target, write);
    return this.readSplit(target);
  }

  /**
   * The way out for traffic no rollout drives: the Experiment goes (the stable Model's endpoint serves it alone, as
   * at rest), then the claim on the stable Model. Two writes, in that order: while the claim is still there no
   * other rollout can start (it would be refused), so no one else's Experiment can come between them; if the
   * second fails, the stable Model still names the rollout and a retry finishes the job. (The other order could
   * delete the Experiment of a rollout that claimed the Model in between.) Between them, while the claim still
   * holds, the shadow Model (which the Experiment's mirror fed) is deleted and an idle candidate Model sheds the
   * claim; the candidate stays loaded at 0%, recorded on the stable Model as after a rolled-back canary, and is
   * replaced by the next one.
   */
  async returnToStable(
    target: ServingTarget,
    expected: RolloutClaim | undefined,
  ): Promise<TrafficSplit> {
    const { cluster, namespace, name } = target;
    const stable = await this.rollout.models.read(cluster, namespace, name);
    expectClaim(stable, expected, target);
    const experiment = await this.rollout.experiments.find(
      cluster,
      namespace,
      experimentName(name),
    );
    if (experiment) {
      await this.rollout.experiments.remove(
        cluster,
        namespace,
        experimentName(name),
      );
    }
    await this.rollout.models.remove(cluster, namespace, shadowName(name));
    const version = stable.metadata.annotations?.[CANARY_VERSION_KEY];
    if (version) {
      await this.rollout.models.apply(
        cluster,
        namespace,
        candidateName(name, version),
        current =>
          current && {
            ...current,
            metadata: withAnnotations(
              current.metadata,
              carried(current.metadata.annotations),
            ),
          },
      );
    }
    await this.rollout.models.apply(cluster, namespace, name, model => {
      const found = present(model, target);
      expectClaim(found, expected, target);
      const { [ROLLOUT_CLAIM_KEY]: _released, ...annotations } =
        found.metadata.annotations ?? {};
      found.metadata.annotations = annotations;
      return found;
    });
    return this.readSplit(target);
  }

  /**
   * Seldon Core v2 has no service per model: its `seldon-mesh` service routes by the `seldon-model` header (with a
   * `.model` suffix to bypass an Experiment), and a request through the API server's service proxy here carries no
   * headers of ours. So a request cannot be aimed at the candidate alone.
   */
  async sendToCanary(target: ServingTarget): Promise<ServiceAnswer> {
    throw new InputError(
      `Model ${target.namespace}/${target.name}: smoke requests are not supported on Seldon Core v2, which routes a request to one model by its seldon-model header on the seldon-mesh service, and the portal's service proxy requests carry no such header`,
    );
  }

  /** The Model names Seldon's metrics carry in their `model` label for each arm. */
  async metricPredictors(target: ServingTarget): Promise<MetricPredictors> {
    const state = await readRolloutState(this.rollout, target);
    return {
      stable: target.name,
      ...(state.canary ? { canary: state.canary.name } : {}),
      ...(state.shadow ? { shadow: state.shadow.metadata.name } : {}),
    };
  }
}
