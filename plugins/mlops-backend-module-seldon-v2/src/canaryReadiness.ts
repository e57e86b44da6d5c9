import { Readiness, ServingTarget } from '@mlops-portal/plugin-mlops-node';
import { SeldonV2Object } from './SeldonV2Objects';
import { readRolloutState } from './rolloutState';
import { SeldonV2Rollout } from './seldonV2Resources';

/**
 * Ready when Seldon reports the canary's Model available (`ModelReady` and `Ready` true, all replicas available,
 * for the current generation where Seldon says which it saw) and, while the Experiment routes traffic to it, the
 * Experiment active (`ExperimentReady`, `CandidatesReady` and `Ready` true).
 */
export async function canaryReadiness(
  rollout: SeldonV2Rollout,
  target: ServingTarget,
): Promise<Readiness> {
  const { cluster, namespace, name } = target;
  const state = await readRolloutState(rollout, target);
  if (!state.canary) {
    return {
      ready: false,
      message: `${namespace}/${name} has no canary model`,
    };
  }
  const canary = await rollout.models.find(
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
