import { KubernetesFake } from './KubernetesFake';
import { KubernetesObject } from './kubernetesWire';

const MODEL_VERSION_KEY = 'mlops.backstage.io/model-version';
const CANARY_VERSION_KEY = 'mlops.backstage.io/canary-model-version';

type Predictor = {
  name: string;
  replicas?: number;
  labels?: Record<string, string>;
  graph?: { name?: string; modelUri?: string };
  componentSpecs?: unknown;
};

/**
 * DEMO STAND-IN for the Seldon Core v1 and KServe operators' status reporting: on every {@link reconcile} it
 * writes each SeldonDeployment's and InferenceService's `status` as the operator would once it has rolled the
 * spec out (api-contracts §2.2; KServe's `status.components.predictor`), through the status subresource.
 * A predictor (or KServe revision) becomes available `readySeconds` after its model first appeared; one serving
 * a version listed in `unreadyVersions` never does (a model that fails to load), so blue-green rollouts can be
 * watched timing out. No pods exist: readiness is the only thing simulated.
 */
export class ServingOperatorFake {
  readySeconds = 2;
  unreadyVersions = new Set<string>();
  /** Versions whose model server answers every prediction with 500 (see `ModelServerFake`). */
  erroringVersions = new Set<string>();
  private readonly since = new Map<string, { signature: string; at: number }>();
  private readonly revisions = new Map<string, number>();

  constructor(private readonly kubernetes: KubernetesFake) {}

  reconcile(now = Date.now()) {
    for (const sdep of this.kubernetes.listAll(
      'machinelearning.seldon.io',
      'seldondeployments',
    )) {
      this.write('machinelearning.seldon.io', 'seldondeployments', sdep, () =>
        this.seldonStatus(sdep, now),
      );
    }
    for (const isvc of this.kubernetes.listAll(
      'serving.kserve.io',
      'inferenceservices',
    )) {
      this.write('serving.kserve.io', 'inferenceservices', isvc, () =>
        this.kserveStatus(isvc, now),
      );
    }
  }

  private write(
    group: string,
    plural: string,
    object: KubernetesObject,
    status: () => unknown,
  ) {
    const next = status();
    const current = (object as { status?: unknown }).status;
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      this.kubernetes.setStatus(
        group,
        plural,
        object.metadata.namespace,
        object.metadata.name,
        next,
      );
    }
  }

  /** Whether a model (identified by its spec `signature`) has been up long enough, remembered per `key`. */
  private available(
    key: string,
    signature: string,
    version: string,
    now: number,
  ) {
    const seen = this.since.get(key);
    if (!seen || seen.signature !== signature) {
      this.since.set(key, { signature, at: now });
      return this.readySeconds <= 0 && !this.unreadyVersions.has(version);
    }
    return (
      now - seen.at >= this.readySeconds * 1000 &&
      !this.unreadyVersions.has(version)
    );
  }

  private seldonStatus(sdep: KubernetesObject, now: number) {
    const { name, namespace, uid, generation } = sdep.metadata;
    const spec = sdep.spec as { replicas?: number; predictors?: Predictor[] };
    const deploymentStatus: Record<string, object> = {};
    const serviceStatus: Record<string, object> = {};
    let allAvailable = true;
    let replicasTotal = 0;
    for (const p of spec.predictors ?? []) {
      const version = p.labels?.[MODEL_VERSION_KEY] ?? '';
      const replicas = p.replicas ?? spec.replicas ?? 1;
      const up = this.available(
        `${uid}/${p.name}`,
        JSON.stringify([p.graph, p.componentSpecs]),
        version,
        now,
      );
      allAvailable = allAvailable && up;
      replicasTotal += replicas;
      const deployment = `${name}-${p.name}-0-${p.graph?.name ?? 'model'}`;
      deploymentStatus[deployment] = {
        name: deployment,
        status: up ? 'Available' : 'Creating',
        replicas,
        availableReplicas: up ? replicas : 0,
      };
      const svc = `${name}-${p.name}`;
      serviceStatus[svc] = {
        svcName: svc,
        httpEndpoint: `${svc}.${namespace}:8000`,
        grpcEndpoint: `${svc}.${namespace}:5001`,
      };
    }
    const first = spec.predictors?.[0]?.name ?? 'default';
    return {
      state: allAvailable ? 'Available' : 'Creating',
      replicas: replicasTotal,
      address: {
        url: `http://${name}-${first}.${namespace}.svc.cluster.local:8000/api/v1.0/predictions`,
      },
      deploymentStatus,
      serviceStatus,
      conditions: [
        {
          type: 'Ready',
          status: allAvailable ? 'True' : 'False',
          reason: allAvailable ? 'DeploymentsReady' : 'DeploymentsNotReady',
        },
      ],
      observedGeneration: generation,
    };
  }

  private kserveStatus(isvc: KubernetesObject, now: number) {
    const { name, uid, generation, annotations } = isvc.metadata;
    const predictor = (isvc.spec as { predictor?: Record<string, unknown> })
      .predictor;
    const model = JSON.stringify((predictor as { model?: unknown })?.model);
    const key = `${uid}/predictor`;
    const previous = this.since.get(key)?.signature;
    const revision =
      (this.revisions.get(key) ?? 0) + (previous === model ? 0 : 1);
    this.revisions.set(key, revision);
    const version =
      annotations?.[CANARY_VERSION_KEY] ??
      annotations?.[MODEL_VERSION_KEY] ??
      '';
    const up = this.available(key, model, version, now);
    const revisionName = (n: number) =>
      `${name}-predictor-${String(n).padStart(5, '0')}`;
    const ready = up ? revisionName(revision) : revisionName(revision - 1);
    return {
      components: {
        predictor: {
          latestCreatedRevision: revisionName(revision),
          ...(up || revision > 1 ? { latestReadyRevision: ready } : {}),
        },
      },
      conditions: [
        {
          type: 'Ready',
          status: up ? 'True' : 'False',
          ...(up ? {} : { reason: 'RevisionNotReady' }),
        },
      ],
      observedGeneration: generation,
    };
  }
}
