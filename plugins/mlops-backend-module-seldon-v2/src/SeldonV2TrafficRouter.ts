import { InputError, NotFoundError } from '@backstage/errors';
import {
  CANARY_VERSION_KEY,
  claimAnnotations,
  ClaimedWrite,
  formatClaim,
  KubernetesClusters,
  MetricPredictors,
  MODEL_VERSION_KEY,
  parseClaim,
  Readiness,
  releaseExpectedClaim,
  ROLLOUT_CLAIM_KEY,
  RolloutClaim,
  ServedVersion,
  ServiceAnswer,
  ServingTarget,
  TrafficRouter,
  TrafficSplit,
} from '@mlops-portal/plugin-mlops-node';
import { SeldonV2Object, SeldonV2Objects } from './SeldonV2Objects';

type Model = SeldonV2Object & {
  spec: { storageUri: string; replicas?: number; [field: string]: unknown };
  status?: SeldonV2Object['status'] & {
    replicas?: number;
    availableReplicas?: number;
  };
};

type Candidate = { name: string; weight: number };

type Experiment = SeldonV2Object & {
  spec: {
    default?: string;
    candidates: Candidate[];
    mirror?: { name: string; percent: number };
    [field: string]: unknown;
  };
};

const API_VERSION = 'mlops.seldon.io/v1alpha1';

/** The Experiment a rollout drives: `default` is the stable Model, so its endpoint carries the split. */
export const experimentName = (stable: string) => `${stable}-rollout`;

/** The Model mirroring the stable one's traffic in a shadow rollout. */
export const shadowName = (stable: string) => `${stable}-shadow`;

/**
 * The Model serving a canary version. One per version, not one reused: Seldon's operator writes no
 * `observedGeneration`, so a Model updated to another version would go on showing the previous version's
 * `ModelReady` until the scheduler reports; a new object has no status until it does. And a deleted Model lingers
 * behind Seldon's finalizer until unloaded, so the next version's name must differ.
 */
export const candidateName = (stable: string, version: string) =>
  `${stable}-canary-${
    version
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'v'
  }`;

const versionOf = (object?: SeldonV2Object) =>
  object?.metadata.annotations?.[MODEL_VERSION_KEY] ??
  object?.metadata.labels?.[MODEL_VERSION_KEY];

/** What a rollout has put on the cluster for one stable Model. */
type RolloutState = {
  stable: Model;
  canary?: { version: string; name: string; weight: number };
  experiment?: Experiment;
  shadow?: Model;
};

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
  private readonly models: SeldonV2Objects<Model>;
  private readonly experiments: SeldonV2Objects<Experiment>;

  constructor(clusters: KubernetesClusters) {
    this.models = new SeldonV2Objects(clusters, 'models');
    this.experiments = new SeldonV2Objects(clusters, 'experiments');
  }

  /** The live split: the Experiment's candidate weights and mirror (all traffic on the stable Model without one), and the stable Model's claim. */
  async readSplit(target: ServingTarget): Promise<TrafficSplit> {
    return splitOf(await this.state(target));
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
    const stable = await this.models.read(cluster, namespace, name);
    const previous = stable.metadata.annotations?.[CANARY_VERSION_KEY];
    const canary = candidateName(name, candidate.version);
    await this.claimedChange(
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
        await this.models.apply(cluster, namespace, canary, current =>
          servingCopy(stable, canary, candidate, current, write),
        );
        await this.experiments.apply(
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
          await this.models.remove(
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
    const state = await this.state(target);
    // Another rollout's claim is the answer before whether there is a canary at all.
    checkClaim(state.stable, write, target);
    if (!state.canary) {
      throw new InputError(`Model ${namespace}/${name} has no canary`);
    }
    const { version, name: canary } = state.canary;
    const candidate = await this.models.find(cluster, namespace, canary);
    if (!candidate) {
      throw new InputError(
        `Model ${namespace}/${name} names canary v${version}, but its Model ${canary} does not exist`,
      );
    }
    await this.claimedChange(
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
        await this.experiments.apply(
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
    await this.models.remove(cluster, namespace, canary);
    return this.readSplit(target);
  }

  /**
   * Ready when Seldon reports the canary's Model available (`ModelReady` and `Ready` true, all replicas available,
   * for the current generation where Seldon says which it saw) and, while the Experiment routes traffic to it, the
   * Experiment active (`ExperimentReady`, `CandidatesReady` and `Ready` true).
   */
  async canaryReadiness(target: ServingTarget): Promise<Readiness> {
    const { cluster, namespace, name } = target;
    const state = await this.state(target);
    if (!state.canary) {
      return {
        ready: false,
        message: `${namespace}/${name} has no canary model`,
      };
    }
    const canary = await this.models.find(
      cluster,
      namespace,
      state.canary.name,
    );
    if (!canary) {
      return {
        ready: false,
        message: `the canary's Model ${namespace}/${state.canary.name} does not exist`,
      };
    }
    const modelProblem = notReady(canary, ['ModelReady', 'Ready']);
    if (modelProblem) {
      return { ready: false, message: modelProblem };
    }
    const desired = Math.max(
      1,
      canary.status?.replicas ?? canary.spec.replicas ?? 1,
    );
    const available = canary.status?.availableReplicas;
    if (available !== undefined && available < desired) {
      return {
        ready: false,
        message: `Model ${namespace}/${state.canary.name} has ${available}/${desired} replicas available`,
      };
    }
    if (state.experiment && state.canary.weight > 0) {
      const experimentProblem = notReady(state.experiment, [
        'ExperimentReady',
        'CandidatesReady',
        'Ready',
      ]);
      if (experimentProblem) {
        return { ready: false, message: experimentProblem };
      }
    }
    return {
      ready: true,
      message: `the canary's Model ${namespace}/${
        state.canary.name
      } is available${
        available === undefined ? '' : ` (${available}/${desired} replicas)`
      }`,
    };
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
    const { cluster, namespace, name } = target;
    const stable = await this.models.read(cluster, namespace, name);
    const shadow = shadowName(name);
    await this.claimedChange(target, stable, write, undefined, async () => {
      await this.models.apply(cluster, namespace, shadow, current =>
        servingCopy(stable, shadow, candidate, current, write),
      );
      await this.experiments.apply(
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
    return this.readSplit(target);
  }

  /** Stops the mirror (removing the Experiment if no canary has traffic) and deletes the shadow's Model. */
  async removeShadow(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    const { cluster, namespace, name } = target;
    const stable = await this.models.read(cluster, namespace, name);
    await this.claimedChange(target, stable, write, undefined, async () => {
      await this.experiments.apply(
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
      await this.models.remove(cluster, namespace, shadowName(name));
    });
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
    const stable = await this.models.read(cluster, namespace, name);
    expectClaim(stable, expected, target);
    const experiment = await this.experiments.find(
      cluster,
      namespace,
      experimentName(name),
    );
    if (experiment) {
      await this.experiments.remove(cluster, namespace, experimentName(name));
    }
    await this.models.remove(cluster, namespace, shadowName(name));
    const version = stable.metadata.annotations?.[CANARY_VERSION_KEY];
    if (version) {
      await this.models.apply(
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
    await this.models.apply(cluster, namespace, name, model => {
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
    const state = await this.state(target);
    return {
      stable: target.name,
      ...(state.canary ? { canary: state.canary.name } : {}),
      ...(state.shadow ? { shadow: state.shadow.metadata.name } : {}),
    };
  }

  /**
   * A change on behalf of a rollout: `record` (what the stable Model records of it) and the claim are written on
   * the stable Model, and `traffic` changes the Experiment and the Models beside it. The claim is checked before
   * anything is written, then again, atomically, in the stable Model's write. A claiming write writes the stable
   * Model first, so the claim is there before the Experiment moves traffic; a releasing write writes it last,
   * once the Experiment has given the traffic back. The stable Model's write is skipped when it changes nothing.
   */
  private async claimedChange(
    target: ServingTarget,
    stable: Model,
    write: ClaimedWrite,
    record: ((model: Model) => void) | undefined,
    traffic: () => Promise<void>,
  ) {
    checkClaim(stable, write, target);
    const { cluster, namespace, name } = target;
    const markStable = () =>
      this.models.apply(cluster, namespace, name, model => {
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

  private async state(target: ServingTarget): Promise<RolloutState> {
    const { cluster, namespace, name } = target;
    const stable = await this.models.read(cluster, namespace, name);
    const experiment = await this.experiments.find(
      cluster,
      namespace,
      experimentName(name),
    );
    const version = stable.metadata.annotations?.[CANARY_VERSION_KEY];
    const mirror = experiment?.spec.mirror?.name;
    const shadow = mirror
      ? await this.models.find(cluster, namespace, mirror)
      : undefined;
    if (!version) {
      return { stable, experiment, shadow };
    }
    const canary = candidateName(name, version);
    const candidates = experiment?.spec.candidates ?? [];
    const total = candidates.reduce((sum, c) => sum + c.weight, 0);
    const weight = candidates.find(c => c.name === canary)?.weight ?? 0;
    return {
      stable,
      experiment,
      shadow,
      canary: {
        version,
        name: canary,
        weight: total > 0 ? Math.round((100 * weight) / total) : 0,
      },
    };
  }
}

function modelName(target: ServingTarget) {
  return `Model ${target.namespace}/${target.name}`;
}

/** Refuses (409, naming the holder) a write on behalf of one rollout to a stable Model another one claims. */
function checkClaim(stable: Model, write: ClaimedWrite, target: ServingTarget) {
  claimAnnotations(stable.metadata.annotations, write, modelName(target));
}

/** Refuses (409) to return traffic to stable when the claim on the stable Model is not the one the caller saw. */
function expectClaim(
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
 * The annotations of an object a rollout writes beside the stable Model: the write's claim, or (releasing, or with
 * no write) none.
 */
function carried(
  annotations: Record<string, string> | undefined,
  write?: ClaimedWrite,
): Record<string, string> {
  // In place, so an object already carrying the claim compares equal and is not written again.
  const next = { ...annotations };
  if (write && !write.release) {
    next[ROLLOUT_CLAIM_KEY] = formatClaim(write.claim);
  } else {
    delete next[ROLLOUT_CLAIM_KEY];
  }
  return next;
}

/** `metadata` with `annotations`, or without the field when there are none. */
function withAnnotations<M extends SeldonV2Object['metadata']>(
  metadata: M,
  annotations: Record<string, string>,
): M {
  const { annotations: _previous, ...rest } = metadata;
  return (
    Object.keys(annotations).length ? { ...rest, annotations } : rest
  ) as M;
}

function present(model: Model | undefined, target: ServingTarget): Model {
  if (!model) {
    throw new NotFoundError(
      `Seldon Model ${target.namespace}/${target.name} was deleted during the change`,
    );
  }
  return model;
}

/** The stable Model's spec (server, requirements, memory, replicas…) serving `candidate` instead, as Model `name`. */
function servingCopy(
  stable: Model,
  name: string,
  candidate: ServedVersion,
  current: Model | undefined,
  write: ClaimedWrite,
): Model {
  const labels = { ...stable.metadata.labels };
  if (labels[MODEL_VERSION_KEY] !== undefined) {
    labels[MODEL_VERSION_KEY] = candidate.version;
  }
  return {
    apiVersion: API_VERSION,
    kind: 'Model',
    metadata: {
      ...(current?.metadata ?? { name, namespace: stable.metadata.namespace }),
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations: {
        ...carried(current?.metadata.annotations, write),
        [MODEL_VERSION_KEY]: candidate.version,
      },
    },
    spec: { ...structuredClone(stable.spec), storageUri: candidate.modelUri },
  };
}

function experimentOf(
  target: ServingTarget,
  stable: Model,
  current: Experiment | undefined,
  write: ClaimedWrite,
  candidates: Candidate[],
  mirror?: { name: string; percent: number },
): Experiment {
  const metadata = current?.metadata ?? {
    name: experimentName(target.name),
    namespace: target.namespace,
    // The serving resource's labels (e.g. backstage.io/kubernetes-id), so the Experiment shows beside it.
    ...(stable.metadata.labels ? { labels: stable.metadata.labels } : {}),
  };
  return {
    apiVersion: API_VERSION,
    kind: 'Experiment',
    metadata: withAnnotations(metadata, carried(metadata.annotations, write)),
    spec: {
      default: target.name,
      candidates,
      ...(mirror ? { mirror } : {}),
    },
  };
}

/**
 * Why Seldon does not report the object ready, or undefined when it does: each of `types` must be a True
 * condition, and where the status carries an `observedGeneration` it must be the object's generation.
 */
function notReady(object: SeldonV2Object, types: string[]): string | undefined {
  const what = `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
  const status = object.status;
  if (!status?.conditions?.length) {
    return `Seldon has not yet reported on ${what}`;
  }
  if (
    status.observedGeneration !== undefined &&
    status.observedGeneration < (object.metadata.generation ?? 1)
  ) {
    return `Seldon has not yet reconciled generation ${object.metadata.generation} of ${what}`;
  }
  for (const type of types) {
    const condition = status.conditions.find(c => c.type === type);
    if (condition?.status !== 'True') {
      const why = [condition?.reason, condition?.message]
        .filter(Boolean)
        .join(': ');
      return `${what} is not ready: ${type} is ${
        condition?.status ?? 'not reported'
      }${why ? ` (${why})` : ''}`;
    }
  }
  return undefined;
}

function splitOf(state: RolloutState): TrafficSplit {
  const canaryWeight = state.canary?.weight ?? 0;
  const claim = parseClaim(
    state.stable.metadata.annotations?.[ROLLOUT_CLAIM_KEY],
  );
  return {
    ...(claim ? { claim } : {}),
    ...(state.shadow ? { shadow: { version: versionOf(state.shadow) } } : {}),
    stable: { version: versionOf(state.stable), weight: 100 - canaryWeight },
    canary: state.canary && {
      version: state.canary.version,
      weight: canaryWeight,
    },
  };
}
