import { InputError } from '@backstage/errors';
import {
  CANARY_VERSION_KEY,
  claimAnnotations,
  ClaimedWrite,
  CustomObjectResource,
  KubernetesClusters,
  MODEL_VERSION_KEY,
  parseClaim,
  Readiness,
  releaseExpectedClaim,
  ROLLOUT_CLAIM_KEY,
  RolloutClaim,
  ServedModelUris,
  ServedVersion,
  ServiceAnswer,
  ServingTarget,
  TrafficRouter,
  TrafficSplit,
} from '@mlops-portal/plugin-mlops-node';

type InferenceService = {
  metadata: {
    resourceVersion?: string;
    generation?: number;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  spec: {
    predictor: {
      canaryTrafficPercent?: number;
      model?: { storageUri?: string; [field: string]: unknown };
      [field: string]: unknown;
    };
    [field: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    components?: {
      predictor?: {
        latestCreatedRevision?: string;
        latestReadyRevision?: string;
        latestRolledoutRevision?: string;
      };
    };
    conditions?: Array<{ type: string; status: string; reason?: string }>;
  };
  [field: string]: unknown;
};

/**
 * KServe: an `InferenceService` (serving.kserve.io/v1beta1). Rolling out a new `storageUri` creates a new
 * revision; `canaryTrafficPercent` sends that share to it and the rest to the previous ready revision. Removing
 * the field gives the latest revision all traffic. Which version each revision serves is kept in annotations.
 *
 * @public
 */
export class KServeTrafficRouter implements TrafficRouter {
  private readonly resource: CustomObjectResource<InferenceService>;

  constructor(clusters: KubernetesClusters) {
    this.resource = new CustomObjectResource(clusters, {
      group: 'serving.kserve.io',
      version: 'v1beta1',
      plural: 'inferenceservices',
      kind: 'InferenceService',
    });
  }

  /** GitOps mode: the split an InferenceService manifest declares, read as the live one is. */
  readonly manifestSplit = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    splitOf: (object: unknown) => splitOf(object as InferenceService),
    modelUrisOf: (object: unknown) => modelUrisOf(object as InferenceService),
  };

  /** The live `spec.predictor.model.storageUri`: the canary's while there is one, else stable's. */
  async readModelUris(target: ServingTarget): Promise<ServedModelUris> {
    return modelUrisOf(await this.resource.read(target));
  }

  /** The live split (`canaryTrafficPercent`), the versions its annotations record, and the claim it carries. */
  async readSplit(target: ServingTarget): Promise<TrafficSplit> {
    return splitOf(await this.resource.read(target));
  }

  /** Rolls out `candidate` as a new revision (its `storageUri`) with `canaryTrafficPercent` set to `weight`. */
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
    return splitOf(
      await this.resource.update(target, isvc => {
        isvc.metadata.annotations = {
          ...claimAnnotations(isvc.metadata.annotations, write, nameOf(target)),
          [CANARY_VERSION_KEY]: candidate.version,
        };
        isvc.spec.predictor.model = {
          ...isvc.spec.predictor.model,
          storageUri: candidate.modelUri,
        };
        isvc.spec.predictor.canaryTrafficPercent = weight;
        return isvc;
      }),
    );
  }

  /** Gives the latest revision all traffic (removes `canaryTrafficPercent`) and records its version as the stable one. */
  async promoteCanary(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    return splitOf(
      await this.resource.update(target, isvc => {
        const annotations = claimAnnotations(
          isvc.metadata.annotations,
          write,
          nameOf(target),
        );
        if (!annotations[CANARY_VERSION_KEY]) {
          throw new InputError(
            `InferenceService ${target.namespace}/${target.name} has no canary`,
          );
        }
        annotations[MODEL_VERSION_KEY] = annotations[CANARY_VERSION_KEY];
        delete annotations[CANARY_VERSION_KEY];
        isvc.metadata.annotations = annotations;
        delete isvc.spec.predictor.canaryTrafficPercent;
        return isvc;
      }),
    );
  }

  /**
   * The canary is KServe's latest revision: ready when the controller has seen the current spec and the
   * predictor's latest created revision is also its latest ready one.
   */
  async canaryReadiness(target: ServingTarget): Promise<Readiness> {
    const isvc = await this.resource.read(target);
    const name = `${target.namespace}/${target.name}`;
    const status = isvc.status ?? {};
    if ((status.observedGeneration ?? 0) < (isvc.metadata.generation ?? 1)) {
      return {
        ready: false,
        message: `KServe has not yet reconciled generation ${isvc.metadata.generation} of ${name}`,
      };
    }
    const predictor = status.components?.predictor ?? {};
    if (
      !predictor.latestCreatedRevision ||
      predictor.latestCreatedRevision !== predictor.latestReadyRevision
    ) {
      return {
        ready: false,
        message: `revision ${
          predictor.latestCreatedRevision ?? '(none)'
        } of ${name} is not ready (latest ready: ${
          predictor.latestReadyRevision ?? 'none'
        })`,
      };
    }
    return {
      ready: true,
      message: `revision ${predictor.latestReadyRevision} of ${name} is ready`,
    };
  }

  /**
   * The revisions behind the arms, as Knative labels their metrics: stable is the last revision rolled out to all
   * traffic, the canary (while `canaryTrafficPercent` is set) the latest ready one. Before KServe reports a
   * rolled-out revision, stable is the latest ready one.
   */
  async revisions(
    target: ServingTarget,
  ): Promise<{ stable: string; canary?: string }> {
    const isvc = await this.resource.read(target);
    const predictor = isvc.status?.components?.predictor ?? {};
    const latest = predictor.latestReadyRevision ?? '';
    const inCanary = isvc.spec.predictor.canaryTrafficPercent !== undefined;
    const stable = predictor.latestRolledoutRevision ?? latest;
    return inCanary && latest !== stable
      ? { stable, canary: latest }
      : { stable: latest || stable };
  }

  /** An InferenceService cannot mirror traffic (that takes a service mesh in front of it). */
  async setShadow(target: ServingTarget): Promise<TrafficSplit> {
    throw new InputError(
      `InferenceService ${target.namespace}/${target.name}: KServe cannot send a shadow copy of traffic; use Seldon Core for shadow rollouts`,
    );
  }

  /** There is never a shadow to remove; only the claim, where the rollout ends here. */
  async removeShadow(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    return splitOf(
      await this.resource.update(target, isvc => {
        isvc.metadata.annotations = claimAnnotations(
          isvc.metadata.annotations,
          write,
          nameOf(target),
        );
        return isvc;
      }),
    );
  }

  /**
   * One write: `canaryTrafficPercent: 0` sends all traffic to the last rolled-out revision (the latest stays
   * deployed, idle, as after a rolled-back canary), and the claim goes.
   */
  async returnToStable(
    target: ServingTarget,
    expected: RolloutClaim | undefined,
  ): Promise<TrafficSplit> {
    return splitOf(
      await this.resource.update(target, isvc => {
        const annotations = releaseExpectedClaim(
          isvc.metadata.annotations,
          expected,
          nameOf(target),
        );
        isvc.metadata.annotations = annotations;
        if (annotations[CANARY_VERSION_KEY]) {
          isvc.spec.predictor.canaryTrafficPercent = 0;
        }
        return isvc;
      }),
    );
  }

  /** Knative routes a revision by tag only where tags are enabled; smoke requests are built for Seldon. */
  async sendToCanary(target: ServingTarget): Promise<ServiceAnswer> {
    throw new InputError(
      `InferenceService ${target.namespace}/${target.name}: smoke requests to the new revision are supported on Seldon Core only`,
    );
  }
}

function nameOf(target: ServingTarget) {
  return `InferenceService ${target.namespace}/${target.name}`;
}

function splitOf(isvc: InferenceService): TrafficSplit {
  if (!isvc?.spec?.predictor) {
    throw new InputError('An InferenceService has a spec.predictor');
  }
  const annotations = isvc.metadata?.annotations ?? {};
  const canaryWeight = isvc.spec.predictor.canaryTrafficPercent;
  const claim = parseClaim(annotations[ROLLOUT_CLAIM_KEY]);
  if (canaryWeight === undefined || !annotations[CANARY_VERSION_KEY]) {
    return {
      ...(claim ? { claim } : {}),
      stable: { version: annotations[MODEL_VERSION_KEY], weight: 100 },
    };
  }
  return {
    ...(claim ? { claim } : {}),
    stable: {
      version: annotations[MODEL_VERSION_KEY],
      weight: 100 - canaryWeight,
    },
    canary: { version: annotations[CANARY_VERSION_KEY], weight: canaryWeight },
  };
}

/**
 * The one `storageUri` the spec holds is the latest revision's: the canary's while {@link splitOf} finds one, else
 * stable's (the previous revision's files are not in the spec during a canary).
 */
function modelUrisOf(isvc: InferenceService): ServedModelUris {
  const uri = isvc?.spec?.predictor?.model?.storageUri;
  if (typeof uri !== 'string') return {};
  return splitOf(isvc).canary ? { canary: uri } : { stable: uri };
}
