import type { ServiceAnswer } from '../kubernetes/serviceProxy';
import type { ClaimedWrite, RolloutClaim } from './RolloutClaim';

/**
 * The serving resource of a Model: where it runs and what it is called (`spec.serving`).
 *
 * @public
 */
export type ServingTarget = {
  cluster: string;
  namespace: string;
  name: string;
  /**
   * GitOps mode: where writes go instead of the live object. Set by the caller of a write, never stored; reads
   * still read the live object.
   */
  manifest?: ServingManifest;
};

/**
 * The desired state of a serving object kept outside the cluster (its manifest in Git, GitOps mode): a traffic
 * write applies its `change` there, and the cluster follows when the GitOps controller syncs.
 *
 * @public
 */
export interface ServingManifest {
  /** Applies `change` to the object's manifest; resolves to the object as written. */
  update<T>(
    object: {
      apiVersion: string;
      kind: string;
      namespace: string;
      name: string;
    },
    change: (object: T) => T,
  ): Promise<T>;
}

/**
 * A model version as a serving resource refers to it.
 *
 * @public
 */
export type ServedVersion = {
  version: string;
  /** Where the serving runtime loads the model from (the MLflow version's artifact `source`). */
  modelUri: string;
};

/**
 * How traffic is split between the stable model and a canary, in percent.
 *
 * @public
 */
export type TrafficSplit = {
  stable: { version?: string; weight: number };
  canary?: { version?: string; weight: number };
  /** A predictor receiving a copy of the traffic, its answers discarded. */
  shadow?: { version?: string };
  /** The rollout whose claim the serving object carries, if any. */
  claim?: RolloutClaim;
};

/**
 * Where the model files of the stable model, the canary and the shadow are loaded from, as a serving object
 * declares them (Seldon v1: a predictor's `graph.modelUri`; KServe: `spec.predictor.model.storageUri`, which
 * belongs to the canary while there is one). A role whose URI the object does not declare is absent.
 *
 * @public
 */
export type ServedModelUris = {
  stable?: string;
  canary?: string;
  shadow?: string;
};

/**
 * Whether the canary (the candidate's predictor or revision) is rolled out and available, and why not.
 *
 * @public
 */
export type Readiness = { ready: boolean; message: string };

/**
 * How a router reads a split from a manifest document (GitOps mode: the serving object as Git declares it)
 * instead of the live object: which document of the file is the serving object, and the split it declares, read
 * as {@link TrafficRouter.readSplit} reads the live one. Comparing the two says whether the live object matches Git
 * on the fields the router writes.
 *
 * @public
 */
export type ManifestSplitReader = {
  /** The serving object's `apiVersion` (group/version) and `kind`, which find its document in the file. */
  apiVersion: string;
  kind: string;
  /** The split `object` declares; throws when it is not a serving object of this platform. */
  splitOf(object: unknown): TrafficSplit;
  /**
   * Where `object` loads each role's model files from, read as {@link TrafficRouter.readModelUris} reads the live
   * one; absent where the platform does not say. Comparing the two reports a hand edit of which files are served.
   */
  modelUrisOf?(object: unknown): ServedModelUris;
};

/**
 * Shifts traffic between a stable model and a canary on one serving platform. Implementations write with the
 * object's resourceVersion and, on a 409 from the API server, re-read and re-apply rather than overwrite.
 *
 * Every write on behalf of a rollout carries its claim (`ClaimedWrite`): the serving object is annotated
 * `mlops.backstage.io/rollout` in the same write that changes its traffic (see `claimAnnotations`), the claim is
 * released by the write that ends the rollout, and a write finding another rollout's claim is refused with a 409.
 *
 * @public
 */
export interface TrafficRouter {
  /** The live split, read from the cluster, with the claim the object carries. */
  readSplit(target: ServingTarget): Promise<TrafficSplit>;
  /** Where the live serving object loads each role's model files from (see {@link ServedModelUris}). */
  readModelUris?(target: ServingTarget): Promise<ServedModelUris>;
  /** GitOps mode: reads a split from the serving object's manifest; absent where the platform cannot be managed from Git. */
  readonly manifestSplit?: ManifestSplitReader;
  /** Serves `candidate` as the canary with `weight` percent of traffic (0 keeps it deployed but idle). */
  setCanary(
    target: ServingTarget,
    candidate: ServedVersion,
    weight: number,
    write: ClaimedWrite,
  ): Promise<TrafficSplit>;
  /** Makes the canary the stable model with all traffic, and removes the canary. */
  promoteCanary(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit>;
  /** Whether the operator reports the canary as rolled out (observed generation) and available. */
  canaryReadiness(target: ServingTarget): Promise<Readiness>;
  /** Serves `candidate` as a shadow: a copy of all traffic, answers discarded. Refused where unsupported. */
  setShadow(
    target: ServingTarget,
    candidate: ServedVersion,
    write: ClaimedWrite,
  ): Promise<TrafficSplit>;
  /** Removes the shadow, if any. */
  removeShadow(
    target: ServingTarget,
    write: ClaimedWrite,
  ): Promise<TrafficSplit>;
  /**
   * Gives the stable model all traffic, removes any shadow, and clears the claim, in one write where the platform
   * allows it: the way out for traffic no rollout drives any more (an orphan). `expected` is the claim the caller
   * saw (none: the object carried none); a different claim now is a 409.
   */
  returnToStable(
    target: ServingTarget,
    expected: RolloutClaim | undefined,
  ): Promise<TrafficSplit>;
  /** POSTs a request to the canary's model server (through the cluster's service proxy). Refused where unsupported. */
  sendToCanary(
    target: ServingTarget,
    request: { path: string; body: unknown },
  ): Promise<ServiceAnswer>;
}

/**
 * The label/annotation recording which model version a predictor or revision serves.
 *
 * @public
 */
export const MODEL_VERSION_KEY = 'mlops.backstage.io/model-version';
/**
 * The annotation on a serving object recording which model version its canary serves, while it has one.
 *
 * @public
 */
export const CANARY_VERSION_KEY = 'mlops.backstage.io/canary-model-version';
