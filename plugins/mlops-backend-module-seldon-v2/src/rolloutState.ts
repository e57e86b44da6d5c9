import {
  CANARY_VERSION_KEY,
  parseClaim,
  ROLLOUT_CLAIM_KEY,
  ServingTarget,
  TrafficSplit,
} from '@mlops-portal/plugin-mlops-node';
import {
  candidateName,
  Experiment,
  experimentName,
  Model,
  SeldonV2Rollout,
  versionOf,
} from './seldonV2Resources';

/** What a rollout has put on the cluster for one stable Model. */
export type RolloutState = {
  stable: Model;
  canary?: { version: string; name: string; weight: number };
  experiment?: Experiment;
  shadow?: Model;
};

/** Reads the stable Model, the Experiment and the shadow Model it mirrors to, and the canary the stable Model names. */
export async function readRolloutState(
  { models, experiments }: SeldonV2Rollout,
  target: ServingTarget,
): Promise<RolloutState> {
  const { cluster, namespace, name } = target;
  const stable = await models.read(cluster, namespace, name);
  const experiment = await experiments.find(
    cluster,
    namespace,
    experimentName(name),
  );
  const version = stable.metadata.annotations?.[CANARY_VERSION_KEY];
  const mirror = experiment?.spec.mirror?.name;
  const shadow = mirror
    ? await models.find(cluster, namespace, mirror)
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

export function splitOf(state: RolloutState): TrafficSplit {
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
