import { NotFoundError } from '@backstage/errors';
import {
  ClaimedWrite,
  formatClaim,
  MODEL_VERSION_KEY,
  ROLLOUT_CLAIM_KEY,
  ServedVersion,
  ServingTarget,
} from '@mlops-portal/plugin-mlops-node';
import { SeldonV2Object } from './SeldonV2Objects';
import {
  API_VERSION,
  Candidate,
  Experiment,
  experimentName,
  Model,
} from './seldonV2Resources';

/**
 * The annotations of an object a rollout writes beside the stable Model: the write's claim, or (releasing, or with
 * no write) none.
 */
export function carried(
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
export function withAnnotations<M extends SeldonV2Object['metadata']>(
  metadata: M,
  annotations: Record<string, string>,
): M {
  const { annotations: _previous, ...rest } = metadata;
  return (
    Object.keys(annotations).length ? { ...rest, annotations } : rest
  ) as M;
}

export function present(
  model: Model | undefined,
  target: ServingTarget,
): Model {
  if (!model) {
    throw new NotFoundError(
      `Seldon Model ${target.namespace}/${target.name} was deleted during the change`,
    );
  }
  return model;
}

/** The stable Model's spec (server, requirements, memory, replicas…) serving `candidate` instead, as Model `name`. */
export function servingCopy(
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

export function experimentOf(
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
