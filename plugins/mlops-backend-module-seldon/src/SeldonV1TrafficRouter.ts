import { InputError } from '@backstage/errors';
import {
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

type Predictor = {
  name: string;
  traffic?: number;
  shadow?: boolean;
  labels?: Record<string, string>;
  graph: { modelUri?: string; [field: string]: unknown };
  [field: string]: unknown;
};

type SeldonDeployment = {
  metadata: {
    resourceVersion?: string;
    generation?: number;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  spec: { predictors: Predictor[]; [field: string]: unknown };
  status?: {
    state?: string;
    observedGeneration?: number;
    deploymentStatus?: Record<
      string,
      { replicas?: number; availableReplicas?: number }
    >;
  };
  [field: string]: unknown;
};

const CANARY = 'canary';
const SHADOW = 'shadow';

/**
 * Seldon Core v1: a `SeldonDeployment` (machinelearning.seldon.io/v1) with a stable predictor and a `canary`
 * predictor cloned from it, their `traffic` weights summing to 100. Shadow predictors are left alone.
 *
 * @public
 */
export class SeldonV1TrafficRouter implements TrafficRouter {
  private readonly resource: CustomObjectResource<SeldonDeployment>;

  constructor(private readonly clusters: KubernetesClusters) {
    this.resource = new CustomObjectResource(clusters, {
      group: 'machinelearning.seldon.io',
      version: 'v1',
      plural: 'seldondeployments',
      kind: 'SeldonDeployment',
    });
  }

  /** GitOps mode: the split a SeldonDeployment manifest declares, read as the live one is. */
  readonly manifestSplit = {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    splitOf: (object: unknown) => splitOf(object as SeldonDeployment),
    modelUrisOf: (object: unknown) => modelUrisOf(object as SeldonDeployment),
  };

  /** The live predictors' `graph.modelUri`: stable, canary and shadow, as {@link splitOf} finds them. */
  async readModelUris(target: ServingTarget): Promise<ServedModelUris> {
    return modelUrisOf(await this.resource.read(target));
  }

  /** The predictors' live `traffic` weights and versions, and the claim the SeldonDeployment carries. */
  async readSplit(target: ServingTarget): Promise<TrafficSplit> {
    return splitOf(await this.resource.read(target));
  }

  /** Clones the stable predictor as the `canary` predictor serving `candidate`, with `weight` percent of traffic and the rest on stable. */
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
    const written = await this.resource.update(target, sdep => {
      claim(sdep, write, target);
      const stable = stableOf(sdep);
      const others = sdep.spec.predictors.filter(
        p => p !== stable && p.name !== CANARY,
      );
      const canary: Predictor = {
        ...servingCopy(stable, candidate),
        name: CANARY,
        traffic: weight,
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

  /** Gives the stable predictor the canary's model and all traffic, and removes the canary predictor. */
  async promoteCanary(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    const written = await this.resource.update(target, sdep => {
      claim(sdep, write, target);
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

  /**
   * Seldon v1 reports per Kubernetes Deployment, named `<sdep>-<predictor>-<index>-<containers>`, with the
   * whole resource's `state` and `observedGeneration`. The canary is ready when the operator has seen the current
   * spec, the resource is Available and every Deployment of the canary predictor has all its replicas available.
   * (Seldon shortens names over 63 characters to a hash; then only `state` is known, and it is relied on.)
   */
  async canaryReadiness(target: ServingTarget): Promise<Readiness> {
    const sdep = await this.resource.read(target);
    const name = `${target.namespace}/${target.name}`;
    if (!sdep.spec.predictors.some(p => p.name === CANARY)) {
      return { ready: false, message: `${name} has no canary predictor` };
    }
    const status = sdep.status ?? {};
    if ((status.observedGeneration ?? 0) < (sdep.metadata.generation ?? 1)) {
      return {
        ready: false,
        message: `Seldon has not yet reconciled generation ${sdep.metadata.generation} of ${name}`,
      };
    }
    const prefix = `${target.name}-${CANARY}-`;
    const deployments = Object.entries(status.deploymentStatus ?? {}).filter(
      ([deployment]) => deployment.startsWith(prefix),
    );
    const unavailable = deployments.filter(
      ([, d]) => (d.availableReplicas ?? 0) < Math.max(1, d.replicas ?? 1),
    );
    if (unavailable.length) {
      return {
        ready: false,
        message: `canary deployment ${unavailable
          .map(
            ([d, s]) =>
              `${d} has ${s.availableReplicas ?? 0}/${s.replicas ?? 1}`,
          )
          .join(', ')} replicas available`,
      };
    }
    if (status.state !== 'Available') {
      return {
        ready: false,
        message: `${name} is ${status.state ?? 'not reported'}`,
      };
    }
    return {
      ready: true,
      message: `the canary predictor of ${name} is available`,
    };
  }

  /** Adds (or replaces) a `shadow: true` predictor serving `candidate`, cloned from the stable one. */
  async setShadow(
    target: ServingTarget,
    candidate: ServedVersion,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    const written = await this.resource.update(target, sdep => {
      claim(sdep, write, target);
      const stable = stableOf(sdep);
      const { traffic: _none, ...copy } = servingCopy(stable, candidate);
      sdep.spec.predictors = [
        ...sdep.spec.predictors.filter(p => p.name !== SHADOW),
        { ...copy, name: SHADOW, shadow: true },
      ];
      return sdep;
    });
    return splitOf(written);
  }

  /** One write: the stable predictor gets all traffic, the canary and shadow predictors go, the claim goes. */
  async returnToStable(
    target: ServingTarget,
    expected: RolloutClaim | undefined,
  ): Promise<TrafficSplit> {
    const written = await this.resource.update(target, sdep => {
      const annotations = releaseExpectedClaim(
        sdep.metadata.annotations,
        expected,
        `SeldonDeployment ${target.namespace}/${target.name}`,
      );
      const stable = stableOf(sdep);
      sdep.spec.predictors = [
        { ...stable, traffic: 100 },
        ...sdep.spec.predictors.filter(
          p => p !== stable && p.name !== CANARY && !p.shadow,
        ),
      ];
      sdep.metadata.annotations = annotations;
      return sdep;
    });
    return splitOf(written);
  }

  /** Seldon v1 gives every predictor a service `<sdep>-<predictor>` whose HTTP port is 8000. */
  sendToCanary(
    target: ServingTarget,
    request: { path: string; body: unknown },
  ): Promise<ServiceAnswer> {
    return this.clusters.postToService(target.cluster, {
      namespace: target.namespace,
      service: `${target.name}-${CANARY}`,
      port: 8000,
      ...request,
    });
  }

  /** Removes the `shadow` predictor, if any. */
  async removeShadow(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit> {
    const written = await this.resource.update(target, sdep => {
      claim(sdep, write, target);
      sdep.spec.predictors = sdep.spec.predictors.filter(
        p => p.name !== SHADOW,
      );
      return sdep;
    });
    return splitOf(written);
  }
}

/** Claims (or releases) the SeldonDeployment for the write's rollout, in the write that changes its traffic. */
function claim(
  sdep: SeldonDeployment,
  write: ClaimedWrite,
  target: ServingTarget,
) {
  sdep.metadata.annotations = claimAnnotations(
    sdep.metadata.annotations,
    write,
    `SeldonDeployment ${target.namespace}/${target.name}`,
  );
}

/** The stable predictor's spec serving `candidate` instead (same resources, probes and server). */
function servingCopy(stable: Predictor, candidate: ServedVersion): Predictor {
  return {
    ...structuredClone(stable),
    labels: { ...stable.labels, [MODEL_VERSION_KEY]: candidate.version },
    graph: { ...stable.graph, modelUri: candidate.modelUri },
  };
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
  const shadow = sdep.spec.predictors.find(p => p.shadow);
  const claimed = parseClaim(sdep.metadata.annotations?.[ROLLOUT_CLAIM_KEY]);
  return {
    ...(claimed ? { claim: claimed } : {}),
    ...(shadow
      ? { shadow: { version: shadow.labels?.[MODEL_VERSION_KEY] } }
      : {}),
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

function modelUrisOf(sdep: SeldonDeployment): ServedModelUris {
  const uri = (p?: Predictor) =>
    typeof p?.graph?.modelUri === 'string' ? p.graph.modelUri : undefined;
  const stable = uri(stableOf(sdep));
  const canary = uri(sdep.spec.predictors.find(p => p.name === CANARY));
  const shadow = uri(sdep.spec.predictors.find(p => p.shadow));
  return {
    ...(stable ? { stable } : {}),
    ...(canary ? { canary } : {}),
    ...(shadow ? { shadow } : {}),
  };
}
