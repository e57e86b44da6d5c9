import type { ServiceAnswer } from '../kubernetes/serviceProxy';

/** The serving resource of a Model: where it runs and what it is called (`spec.serving`). */
export type ServingTarget = {
  cluster: string;
  namespace: string;
  name: string;
};

/** A model version as a serving resource refers to it. */
export type ServedVersion = {
  version: string;
  /** Where the serving runtime loads the model from (the MLflow version's artifact `source`). */
  modelUri: string;
};

/** How traffic is split between the stable model and a canary, in percent. */
export type TrafficSplit = {
  stable: { version?: string; weight: number };
  canary?: { version?: string; weight: number };
  /** A predictor receiving a copy of the traffic, its answers discarded. */
  shadow?: { version?: string };
};

/** Whether the canary (the candidate's predictor or revision) is rolled out and available, and why not. */
export type Readiness = { ready: boolean; message: string };

/**
 * Shifts traffic between a stable model and a canary on one serving platform. Implementations write with the
 * object's resourceVersion and, on a 409 from the API server, re-read and re-apply rather than overwrite.
 */
export interface TrafficRouter {
  readSplit(target: ServingTarget): Promise<TrafficSplit>;
  /** Serves `candidate` as the canary with `weight` percent of traffic (0 keeps it deployed but idle). */
  setCanary(
    target: ServingTarget,
    candidate: ServedVersion,
    weight: number,
  ): Promise<TrafficSplit>;
  /** Makes the canary the stable model with all traffic, and removes the canary. */
  promoteCanary(target: ServingTarget): Promise<TrafficSplit>;
  /** Whether the operator reports the canary as rolled out (observed generation) and available. */
  canaryReadiness(target: ServingTarget): Promise<Readiness>;
  /** Serves `candidate` as a shadow: a copy of all traffic, answers discarded. Refused where unsupported. */
  setShadow(
    target: ServingTarget,
    candidate: ServedVersion,
  ): Promise<TrafficSplit>;
  /** Removes the shadow, if any. */
  removeShadow(target: ServingTarget): Promise<TrafficSplit>;
  /** POSTs a request to the canary's model server (through the cluster's service proxy). Refused where unsupported. */
  sendToCanary(
    target: ServingTarget,
    request: { path: string; body: unknown },
  ): Promise<ServiceAnswer>;
}

/** The label/annotation recording which model version a predictor or revision serves. */
export const MODEL_VERSION_KEY = 'mlops.backstage.io/model-version';
export const CANARY_VERSION_KEY = 'mlops.backstage.io/canary-model-version';
