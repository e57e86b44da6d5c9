/*
 * The registry seam: what the portal needs of a model registry (MLflow, Kubeflow Model Registry, …), in the
 * portal's words. A registry module adapts its upstream's wire format to these shapes.
 */

/**
 * A registered model with its aliases (alias → version).
 *
 * @public
 */
export type RegistryModel = {
  name: string;
  description?: string;
  /** ISO 8601 */
  createdAt?: string;
  /** ISO 8601 */
  updatedAt?: string;
  tags: Record<string, string>;
  aliases: Record<string, string>;
};

/**
 * One version of a registered model.
 *
 * @public
 */
export type RegistryModelVersion = {
  name: string;
  /** The registry's version id, e.g. "7". */
  version: string;
  status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
  /** Where a serving runtime loads the model from (an artifact URI). */
  source?: string;
  /** The training run that produced it, when the registry knows one. */
  runId?: string;
  description?: string;
  /** ISO 8601 */
  createdAt?: string;
  createdBy?: string;
  tags: Record<string, string>;
};

/**
 * One configured instance of a registry. Failures are thrown as an `UpstreamApiError` subclass (so the backend
 * answers 404/502/503 naming the instance), except where a method says otherwise.
 *
 * @public
 */
export interface ModelRegistryClient {
  /** The instance's configured name, as a Model gives it in `spec.registry.instance`. */
  readonly instanceName: string;
  /** The registered model of this name, with its tags and aliases. */
  getRegisteredModel(name: string): Promise<RegistryModel>;
  /** Every version of the registered model of this name. */
  listModelVersions(name: string): Promise<RegistryModelVersion[]>;
  /** One version of a registered model. */
  getModelVersion(name: string, version: string): Promise<RegistryModelVersion>;
  /**
   * The latest value of each metric of the given versions (from their training runs, or whatever the registry
   * keeps), by version. A version without metrics maps to `{}`. Implementations cache what cannot change.
   */
  versionMetrics(
    versions: RegistryModelVersion[],
  ): Promise<Map<string, Record<string, number>>>;
  /**
   * Every registered model of this instance (all pages), as the catalog's Model entity provider discovers them.
   * Optional: a registry that cannot list its models is not discovered, and its Models are written in YAML.
   */
  listRegisteredModels?(): Promise<RegistryModel[]>;
  /** Points `alias` at `version`, replacing where it pointed. */
  setAlias(name: string, alias: string, version: string): Promise<void>;
  /** Removes `alias`; removing an alias that is not set is not an error. */
  deleteAlias(name: string, alias: string): Promise<void>;
  /** Creates a registered model; a `ConflictError` (from `@backstage/errors`) when the name is taken. */
  createRegisteredModel(
    name: string,
    options: { description?: string; tags: Record<string, string> },
  ): Promise<void>;
  /**
   * The text of a file the version's training run logged, by its path below the run's artifact root (e.g.
   * `drift/reference.json`); `undefined` when the run logged no such file or the version has no run. Throws
   * (with the reason) when the file exists but cannot be read. Optional: a registry without run artifacts leaves
   * it out, and the portal then takes what needs it from elsewhere (e.g. the drift reference).
   */
  readTrainingArtifact?(
    version: RegistryModelVersion,
    path: string,
  ): Promise<string | undefined>;
}

/**
 * A kind of registry, as a Model names it in `spec.registry.provider` (e.g. `mlflow`), with its configured
 * instances.
 *
 * @public
 */
export interface ModelRegistry {
  /** The value of `spec.registry.provider` this registry answers for. */
  readonly provider: string;
  /** Its name for people, e.g. "MLflow". */
  readonly title: string;
  /** The configured instances' names, in config order (what the catalog's Model entity provider walks). */
  instanceNames(): string[];
  /** The instance a Model names in `spec.registry.instance`; the first configured one without a name. A `NotFoundError` when none is configured by that name. */
  instance(name?: string): ModelRegistryClient;
}
