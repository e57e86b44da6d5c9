import { InputError } from '@backstage/errors';
import { KubernetesClusters } from '../../clients/kubernetes/KubernetesClusters';
import { CustomObjectResource } from './CustomObjectResource';
import {
  MODEL_VERSION_KEY,
  ServedVersion,
  ServingTarget,
  TrafficRouter,
  TrafficSplit,
} from './TrafficRouter';

type Predictor = {
  name: string;
  traffic?: number;
  shadow?: boolean;
  labels?: Record<string, string>;
  graph: { modelUri?: string; [field: string]: unknown };
  [field: string]: unknown;
};

type SeldonDeployment = {
  metadata: { resourceVersion?: string; [field: string]: unknown };
  spec: { predictors: Predictor[]; [field: string]: unknown };
  [field: string]: unknown;
};

const CANARY = 'canary';

/**
 * Seldon Core v1: a `SeldonDeployment` (machinelearning.seldon.io/v1) with a stable predictor and a `canary`
 * predictor cloned from it, their `traffic` weights summing to 100. Shadow predictors are left alone.
 */
export class SeldonV1TrafficRouter implements TrafficRouter {
  private readonly resource: CustomObjectResource<SeldonDeployment>;

  constructor(clusters: KubernetesClusters) {
    this.resource = new CustomObjectResource(clusters, {
      group: 'machinelearning.seldon.io',
      version: 'v1',
      plural: 'seldondeployments',
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
    const written = await this.resource.update(target, sdep => {
      const stable = stableOf(sdep);
      const others = sdep.spec.predictors.filter(
        p => p !== stable && p.name !== CANARY,
      );
      const canary: Predictor = {
        ...structuredClone(stable),
        name: CANARY,
        traffic: weight,
        labels: { ...stable.labels, [MODEL_VERSION_KEY]: candidate.version },
        graph: { ...stable.graph, modelUri: candidate.modelUri },
      };
      sdep.spec.predictors = [
        { ...stable, traffic: 100 - weight },
        canary,
        ...others,
      ];
      return sdep;
    });
    return splitOf(written);
  }

  async promoteCanary(target: ServingTarget): Promise<TrafficSplit> {
    const written = await this.resource.update(target, sdep => {
      const canary = sdep.spec.predictors.find(p => p.name === CANARY);
      if (!canary) {
        throw new InputError(
          `SeldonDeployment ${target.namespace}/${target.name} has no canary predictor`,
        );
      }
      const stable = stableOf(sdep);
      const others = sdep.spec.predictors.filter(
        p => p !== stable && p !== canary,
      );
      sdep.spec.predictors = [
        { ...stable, traffic: 100, labels: canary.labels, graph: canary.graph },
        ...others,
      ];
      return sdep;
    });
    return splitOf(written);
  }
}

function stableOf(sdep: SeldonDeployment): Predictor {
  const stable = sdep.spec.predictors.find(p => !p.shadow && p.name !== CANARY);
  if (!stable) {
    throw new InputError(
      'The SeldonDeployment has no non-shadow predictor to serve as stable',
    );
  }
  return stable;
}

function splitOf(sdep: SeldonDeployment): TrafficSplit {
  const stable = stableOf(sdep);
  const canary = sdep.spec.predictors.find(p => p.name === CANARY);
  return {
    stable: {
      version: stable.labels?.[MODEL_VERSION_KEY],
      weight: stable.traffic ?? (canary ? 100 - (canary.traffic ?? 0) : 100),
    },
    canary: canary && {
      version: canary.labels?.[MODEL_VERSION_KEY],
      weight: canary.traffic ?? 0,
    },
  };
}
