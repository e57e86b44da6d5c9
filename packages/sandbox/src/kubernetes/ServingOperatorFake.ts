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

type ModelV2 = {
  storageUri?: string;
  artifactVersion?: number;
  requirements?: string[];
  replicas?: number;
};

type ExperimentV2 = {
  candidates?: Array<{ name: string; weight: number }>;
  mirror?: { name: string; percent: number };
};

type Condition = {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
};

const isTrue = (conditions: unknown, type: string) =>
  Array.isArray(conditions) &&
  conditions.some((c: Condition) => c.type === type && c.status === 'True');

/**
 * DEMO STAND-IN for the Seldon Core v1 and v2 and KServe operators' status reporting: on every {@link reconcile} it
 * writes each SeldonDeployment's, Seldon Core v2 Model's and Experiment's and InferenceService's `status` as the
 * operator would once it has rolled the spec out (api-contracts §2.2, §2.3; KServe's `status.components.predictor`),
 * through the status subresource. A predictor (Seldon v2 Model, KServe revision) becomes available `readySeconds`
 * after its model first appeared; one serving a version listed in `unreadyVersions` never does (a model that fails
 * to load), so blue-green rollouts can be watched timing out. No pods exist: readiness is the only thing simulated.
 */
export class ServingOperatorFake {
  readySeconds = 2;
  unreadyVersions = new Set<string>();
  /** Versions whose model server answers every prediction with 500 (see `ModelServerFake`). */
  erroringVersions = new Set<string>();
  private readonly since = new Map<string, { signature: string; at: number }>();
  private readonly revisions = new Map<string, number>();
  /** KServe: the revision of each InferenceService that last had all traffic. */
  private readonly rolledOut = new Map<
    string,
    { latest: string; previous?: string }
  >();

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
    // Models first: an Experiment's conditions follow its Models' readiness in the same pass.
    for (const model of this.kubernetes.listAll('mlops.seldon.io', 'models')) {
      this.write('mlops.seldon.io', 'models', model, () =>
        this.seldonV2ModelStatus(model, now),
      );
    }
    for (const experiment of this.kubernetes.listAll(
      'mlops.seldon.io',
      'experiments',
    )) {
      this.write('mlops.seldon.io', 'experiments', experiment, () =>
        this.seldonV2ExperimentStatus(experiment),
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

  /**
   * Seldon Core v2's operator on a Model: `ModelReady` and the aggregate `Ready` conditions, their reason the
   * scheduler's model state (`ModelProgressing`, `ModelAvailable`, `ModelFailed`), and the replicas. Like Seldon's
   * operator it writes no `observedGeneration`: a changed spec is seen only through the conditions it rewrites.
   */
  private seldonV2ModelStatus(model: KubernetesObject, now: number) {
    const { uid, annotations, labels } = model.metadata;
    const spec = model.spec as ModelV2;
    const version =
      annotations?.[MODEL_VERSION_KEY] ?? labels?.[MODEL_VERSION_KEY] ?? '';
    const signature = JSON.stringify([
      spec.storageUri,
      spec.artifactVersion,
      spec.requirements,
    ]);
    const up = this.available(`${uid}/model`, signature, version, now);
    const failed =
      !up &&
      this.unreadyVersions.has(version) &&
      now - (this.since.get(`${uid}/model`)?.at ?? now) >=
        this.readySeconds * 1000;
    const replicas = spec.replicas ?? 1;
    let state = 'ModelProgressing';
    let message = 'loading the model onto a server';
    if (up) {
      [state, message] = ['ModelAvailable', ''];
    } else if (failed) {
      [state, message] = ['ModelFailed', 'the model server failed to load it'];
    }
    const condition = (type: string): Condition => ({
      type,
      status: up ? 'True' : 'False',
      reason: state,
      ...(message ? { message } : {}),
    });
    return {
      replicas,
      ...(up ? { availableReplicas: replicas } : {}),
      conditions: [condition('ModelReady'), condition('Ready')],
    };
  }

  /**
   * Seldon Core v2's operator on an Experiment: `ExperimentReady` (the experiment is active: its candidates and its
   * mirror are loaded), `CandidatesReady`, `MirrorReady` and the aggregate `Ready`. No `observedGeneration`.
   */
  private seldonV2ExperimentStatus(experiment: KubernetesObject) {
    const { namespace } = experiment.metadata;
    const spec = experiment.spec as ExperimentV2;
    const ready = (name: string) =>
      isTrue(
        (
          this.kubernetes.get('mlops.seldon.io', 'models', namespace, name) as
            | { status?: { conditions?: unknown } }
            | undefined
        )?.status?.conditions,
        'ModelReady',
      );
    const candidatesReady = (spec.candidates ?? []).every(c => ready(c.name));
    const mirrorReady = !spec.mirror || ready(spec.mirror.name);
    const active = candidatesReady && mirrorReady;
    const condition = (
      type: string,
      isReady: boolean,
      reason: string,
    ): Condition => ({ type, status: isReady ? 'True' : 'False', reason });
    return {
      conditions: [
        condition(
          'ExperimentReady',
          active,
          active ? 'experiment active' : 'experiment not active',
        ),
        condition(
          'CandidatesReady',
          candidatesReady,
          candidatesReady ? 'Candidates ready' : 'Candidates not ready',
        ),
        condition(
          'MirrorReady',
          mirrorReady,
          mirrorReady ? 'Mirror ready' : 'Mirror not ready',
        ),
        condition(
          'Ready',
          active,
          active ? 'experiment active' : 'experiment not active',
        ),
      ],
    };
  }

  /**
   * KServe on an InferenceService: a new `storageUri` is a new revision, ready `readySeconds` later. The revision
   * that last got all traffic is `latestRolledoutRevision` (the one before it `previousRolledoutRevision`): the
   * latest ready revision once no `canaryTrafficPercent` (or 100) holds traffic back from it, as KServe records it.
   */
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
    const hasReady = up || revision > 1;
    const canaryPercent = (predictor as { canaryTrafficPercent?: number })
      ?.canaryTrafficPercent;
    let rolled = this.rolledOut.get(key);
    if (
      hasReady &&
      (canaryPercent === undefined || canaryPercent >= 100 || !rolled) &&
      rolled?.latest !== ready
    ) {
      rolled = { latest: ready, previous: rolled?.latest };
      this.rolledOut.set(key, rolled);
    }
    // Knative's traffic block: the rolled-out revision keeps what the canary percent leaves it.
    let split: object[] = [];
    if (rolled && rolled.latest !== ready) {
      split = [
        {
          revisionName: rolled.latest,
          percent: 100 - (canaryPercent ?? 0),
          tag: 'prev',
        },
        {
          revisionName: ready,
          percent: canaryPercent ?? 0,
          latestRevision: true,
          tag: 'latest',
        },
      ];
    } else if (hasReady) {
      split = [{ revisionName: ready, percent: 100, latestRevision: true }];
    }
    return {
      components: {
        predictor: {
          latestCreatedRevision: revisionName(revision),
          ...(hasReady ? { latestReadyRevision: ready } : {}),
          ...(rolled
            ? {
                latestRolledoutRevision: rolled.latest,
                ...(rolled.previous
                  ? { previousRolledoutRevision: rolled.previous }
                  : {}),
              }
            : {}),
          traffic: split,
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
