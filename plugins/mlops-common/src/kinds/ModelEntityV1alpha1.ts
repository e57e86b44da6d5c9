import { JsonObject } from '@backstage/types';
import { Entity, entityKindSchemaValidator } from '@backstage/catalog-model';
import schema from '../schema/Model.v1alpha1.schema.json';
import { MLOPS_API_VERSION } from './apiVersion';
import { ModelCardText } from './ModelCardText';

/**
 * A threshold on one run metric that a model version must meet to be promoted. At least one bound is set;
 * all bounds are inclusive. The ratio bounds compare with the version the `champion` alias points at.
 *
 * @public
 */
export type QualityGate = {
  metric: string;
  min?: number;
  max?: number;
  /** Regression gate: candidate ≥ this fraction of the current champion's value. */
  minRatioOfChampion?: number;
  /** Regression gate: candidate ≤ this multiple of the current champion's value. */
  maxRatioOfChampion?: number;
};

/**
 * The serving platform a Model declares: the name a serving-platform module of the mlops backend gives it. The
 * suite's modules add `seldon` (Seldon Core v1), `seldon-v2` (Seldon Core v2) and `kserve`; others may add more.
 *
 * @public
 */
export type ServingPlatform = 'seldon' | 'seldon-v2' | 'kserve' | (string & {});

/**
 * The registry a Model declares: the provider a registry module of the mlops backend answers for (`mlflow`
 * from the suite; others may add more).
 *
 * @public
 */
export type RegistryProvider = 'mlflow' | (string & {});

/**
 * A request a blue-green rollout sends to the new predictor before it gets traffic (through the cluster API's
 * service proxy, never a URL of its own): `path` on the model server, a JSON `body`, the status it must answer.
 *
 * @public
 */
export type SmokeRequest = {
  name: string;
  path: string;
  body: JsonObject;
  expectStatus?: number;
};

/**
 * GitOps mode of a Model's serving (`spec.serving.gitops`): the serving resource's manifest lives in Git and a
 * GitOps controller (Argo CD, Flux) applies it, so rollouts change traffic by editing the manifest in Git. In
 * `commit` mode every traffic change is a commit to `branch`; in `pull-request` mode each step is a pull request
 * against `branch`, applied once a reviewer merges it. Emergency paths (abort, switch back, a failed analysis)
 * always commit directly.
 *
 * @public
 */
export type ModelGitOps = {
  /** The repository's web URL, e.g. `https://github.com/acme/serving-manifests`; its host must be in `integrations`. */
  repoUrl: string;
  /** The manifest file, relative to the repository root, e.g. `serving/fraud-detector.yaml`. */
  path: string;
  /** The branch the controller applies, e.g. `main`. */
  branch: string;
  mode: 'commit' | 'pull-request';
  /** The controller applying the manifest, whose sync and health the portal reads. */
  controller?: {
    type: 'argocd';
    /** The instance's name under `mlops.argocd.instances`. */
    instance: string;
    /** The Argo CD Application's name. */
    application: string;
  };
};

/**
 * Whether `path` is a safe path of a file inside a repository: relative, no `.` or `..` segment, no scheme or
 * host, plain characters only, a `.yaml`/`.yml` file (the rule `spec.serving.gitops.path` is validated with).
 *
 * @public
 */
export function isSafeRepoPath(path: string): boolean {
  return (
    path.length <= 500 &&
    /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\.ya?ml$/.test(path) &&
    path.split('/').every(segment => segment !== '.' && segment !== '..')
  );
}

/**
 * Where a Model's alias file lives (`spec.registry.aliasFile`), for promotions in `pull-request` mode: a YAML file
 * in a repository that CI applies to the registry (see the backend README for its format). Each field defaults
 * to the serving manifest's repository and branch (`spec.serving.gitops`) and the path `deploy/aliases.yaml`.
 *
 * @public
 */
export type ModelAliasFile = {
  /** The repository's web URL; its host must be configured under `integrations`. */
  repoUrl?: string;
  /** The file, relative to the repository root (checked with {@link isSafeRepoPath}). */
  path?: string;
  /** The branch CI applies the file from, e.g. `main`. */
  branch?: string;
};

/** The alias file's path when a Model names none. @public */
export const DEFAULT_ALIAS_FILE_PATH = 'deploy/aliases.yaml';

/**
 * The alias file of a Model whose registry changes go through pull requests
 * (`spec.registry.changeVia: pull-request`), with its defaults applied; undefined for a Model in `direct` mode, or when no repository or
 * branch can be worked out (neither `aliasFile` nor `spec.serving.gitops` names one).
 *
 * @public
 */
export function modelAliasFile(
  entity: ModelEntityV1alpha1,
): Required<ModelAliasFile> | undefined {
  const registry = entity.spec.registry;
  if (registry?.changeVia !== 'pull-request') {
    return undefined;
  }
  const gitops = entity.spec.serving?.gitops;
  const repoUrl = registry.aliasFile?.repoUrl ?? gitops?.repoUrl;
  const branch = registry.aliasFile?.branch ?? gitops?.branch;
  if (!repoUrl || !branch) {
    return undefined;
  }
  return {
    repoUrl,
    branch,
    path: registry.aliasFile?.path ?? DEFAULT_ALIAS_FILE_PATH,
  };
}

/**
 * How a Model shows one of its metrics (`spec.metrics[]`): the key as logged, a display name, a unit and which
 * way is better. `unit` is shown after the value, except `ratio` (a share 0..1, shown as a percentage) and
 * `percent` (already a percentage).
 *
 * @public
 */
export type ModelMetricDisplay = {
  name: string;
  title?: string;
  unit?: string;
  /** Default true. */
  higherIsBetter?: boolean;
};

/**
 * A machine-learning model in the catalog.
 *
 * @public
 */
export interface ModelEntityV1alpha1 extends Entity {
  /** Always `mlops.backstage.io/v1alpha1`. */
  apiVersion: typeof MLOPS_API_VERSION;
  /** Always `Model`. */
  kind: 'Model';
  /** The Model's spec, as its JSON Schema defines it. */
  spec: {
    type: string;
    lifecycle: string;
    owner: string;
    system?: string;
    framework?: string;
    registry?: {
      provider: RegistryProvider;
      instance?: string;
      modelName: string;
      /** Aliases whose moves need a second person's approval; `['champion']` when absent. */
      protectedAliases?: string[];
      /** A group (an entity reference, kind Group by default) told when a protected move waits for approval; the owners when absent. */
      approvers?: string;
      /**
       * How a protected alias moves: `direct` (the default: an in-portal approval, then the portal moves it in
       * the registry) or `pull-request` (a pull request against the alias file; its review is the approval and
       * CI applies the file to the registry once merged). Unprotected aliases always move directly.
       */
      changeVia?: 'direct' | 'pull-request';
      /** The alias file `pull-request` mode edits (see {@link ModelAliasFile}). */
      aliasFile?: ModelAliasFile;
    };
    trainedBy?: string;
    featureViews?: string[];
    serving?: {
      /** `online` (a model server answers requests; the default) or `batch` (scored in scheduled runs). */
      mode?: 'online' | 'batch';
      /** A batch model's scoring Pipeline (an entity reference): its runs are the model's scoring runs. */
      scoringPipeline?: string;
      /** Required unless `mode` is `batch`. */
      platform: ServingPlatform;
      component?: string;
      cluster?: string;
      namespace?: string;
      resourceName?: string;
      runtime?: string;
      /** Requests a blue-green sends to green before switching to it (see {@link SmokeRequest}). */
      smokeRequests?: SmokeRequest[];
      /** GitOps mode: traffic changes are Git changes of the manifest (see {@link ModelGitOps}). */
      gitops?: ModelGitOps;
    };
    /** How to show the model's metrics (see {@link ModelMetricDisplay}); a metric not listed shows its key. */
    metrics?: ModelMetricDisplay[];
    qualityGates?: QualityGate[];
    /** The model card's written sections, Markdown (see {@link ModelCardText}); a `MODEL_CARD.md` beside the entity's file wins over it. */
    modelCard?: ModelCardText;
    /** Retrain when the inputs drift: start a run of `pipeline` when the dataset drifts, at most once per cooldown. */
    retraining?: {
      /** The Pipeline entity to run, e.g. `pipeline:fraud-detector-training`. */
      pipeline: string;
      /** Observations needed in the drift window before drift may start a run (default 1000). */
      minSamples?: number;
      /** The least time between two runs started on drift, e.g. `24h`, `7d` (default `24h`). */
      cooldown?: string;
      /** Parameters for the run, added to `drift_reason`. */
      parameters?: Record<string, string | number | boolean>;
    };
    monitoring?: {
      prometheus?: string;
      drift?: {
        /** The method for every feature; by default numerical features use `wasserstein`, categorical `jensenshannon`. */
        method?: 'psi' | 'jensenshannon' | 'wasserstein' | 'chisquare';
        /** The threshold for every feature; by default the method's (api-contracts §6). */
        threshold?: number;
        /** Per feature: a threshold, or a method and threshold. */
        features?: Record<
          string,
          | number
          | {
              method?: 'psi' | 'jensenshannon' | 'wasserstein' | 'chisquare';
              threshold?: number;
            }
        >;
        /** The dataset drifts when at least this share of features drift (default 0.5). */
        driftShare?: number;
        /** Fewer observations than this in the current window give no verdict (default 100). */
        minSamples?: number;
      };
    };
  };
}

/**
 * The JSON Schema of {@link ModelEntityV1alpha1}.
 *
 * @public
 */
export const modelEntityV1alpha1Schema = schema;

/**
 * Returns the entity typed as a Model when it is one, `false` when it is another kind,
 * and throws a `TypeError` naming the offending field when it claims to be a Model but is malformed.
 *
 * @public
 */
export const modelEntityV1alpha1Validator =
  entityKindSchemaValidator<ModelEntityV1alpha1>(schema);

/**
 * Type guard for Model entities (by kind and apiVersion; it does not validate the spec).
 *
 * @public
 */
export function isModelEntity(entity: Entity): entity is ModelEntityV1alpha1 {
  return entity.apiVersion === MLOPS_API_VERSION && entity.kind === 'Model';
}

/**
 * The aliases of a Model whose moves need approval when the spec does not say.
 *
 * @public
 */
export const DEFAULT_PROTECTED_ALIASES = ['champion'];

/**
 * The alias regression gates compare against.
 *
 * @public
 */
export const CHAMPION_ALIAS = 'champion';

/** The registry alias naming the version a shadow rollout mirrors traffic to, while it runs. @public */
export const SHADOW_ALIAS = 'shadow';
