import { InputError } from '@backstage/errors';
import { KubernetesClusters } from '../../clients/kubernetes/KubernetesClusters';
import { CustomObjectResource } from './CustomObjectResource';
import {
  CANARY_VERSION_KEY,
  MODEL_VERSION_KEY,
  ServedVersion,
  ServingTarget,
  TrafficRouter,
  TrafficSplit,
} from './TrafficRouter';

type InferenceService = {
  metadata: {
    resourceVersion?: string;
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
  [field: string]: unknown;
};

/**
 * KServe: an `InferenceService` (serving.kserve.io/v1beta1). Rolling out a new `storageUri` creates a new
 * revision; `canaryTrafficPercent` sends that share to it and the rest to the previous ready revision. Removing
 * the field gives the latest revision all traffic. Which version each revision serves is kept in annotations.
 */
export class KServeTrafficRouter implements TrafficRouter {
  private readonly resource: CustomObjectResource<InferenceService>;

  constructor(clusters: KubernetesClusters) {
    this.resource = new CustomObjectResource(clusters, {
      group: 'serving.kserve.io',
      version: 'v1beta1',
      plural: 'inferenceservices',
    });
  }

  async readSplit(target: ServingTarget): Promise<TrafficSplit> {
    return splitOf(await this.resource.read(target));
  }

  async setCanary(
    target: ServingTarget,
    candidate: ServedVersion,
    weight: number,
  ): Promise<TrafficSplit> {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new InputError(
        `A traffic weight is a whole percentage from 0 to 100, not ${weight}`,
      );
    }
    return splitOf(
      await this.resource.update(target, isvc => {
        isvc.metadata.annotations = {
          ...isvc.metadata.annotations,
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

  async promoteCanary(target: ServingTarget): Promise<TrafficSplit> {
    return splitOf(
      await this.resource.update(target, isvc => {
        const annotations = { ...isvc.metadata.annotations };
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
}

function splitOf(isvc: InferenceService): TrafficSplit {
  const annotations = isvc.metadata.annotations ?? {};
  const canaryWeight = isvc.spec.predictor.canaryTrafficPercent;
  if (canaryWeight === undefined || !annotations[CANARY_VERSION_KEY]) {
    return { stable: { version: annotations[MODEL_VERSION_KEY], weight: 100 } };
  }
  return {
    stable: {
      version: annotations[MODEL_VERSION_KEY],
      weight: 100 - canaryWeight,
    },
    canary: { version: annotations[CANARY_VERSION_KEY], weight: canaryWeight },
  };
}
