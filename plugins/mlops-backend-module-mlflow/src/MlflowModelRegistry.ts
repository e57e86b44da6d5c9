import { CacheService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ModelRegistry,
  ModelRegistryClient,
  RegistryModel,
  RegistryModelVersion,
} from '@mlops-portal/plugin-mlops-node';
import { MlflowApiError } from './MlflowApiError';
import { MlflowClient } from './MlflowClient';
import { MlflowClients } from './MlflowClients';
import {
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowTag,
} from './mlflowTypes';
import { RunMetricsCache } from './RunMetricsCache';

const iso = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString();
const tagsOf = (tags?: MlflowTag[]) =>
  Object.fromEntries((tags ?? []).map(t => [t.key, t.value]));

/**
 * An MLflow registered model in the portal's words.
 *
 * @public
 */
export function toRegistryModel(model: MlflowRegisteredModel): RegistryModel {
  return {
    name: model.name,
    description: model.description,
    createdAt: iso(model.creation_timestamp),
    updatedAt: iso(model.last_updated_timestamp),
    tags: tagsOf(model.tags),
    aliases: Object.fromEntries(
      (model.aliases ?? []).map(a => [a.alias, a.version]),
    ),
  };
}

/**
 * An MLflow model version in the portal's words.
 *
 * @public
 */
export function toRegistryVersion(
  version: MlflowModelVersion,
): RegistryModelVersion {
  return {
    name: version.name,
    version: version.version,
    status: version.status ?? 'READY',
    source: version.source,
    runId: version.run_id,
    description: version.description,
    createdAt: iso(version.creation_timestamp),
    createdBy: version.user_id,
    tags: tagsOf(version.tags),
  };
}

/**
 * One MLflow instance as a portal registry: aliases are MLflow's own, a version's metrics are the latest values
 * of its training run's metrics (read in batches with `runs/search`, cached once the run is FINISHED).
 *
 * @public
 */
export class MlflowRegistryClient implements ModelRegistryClient {
  constructor(
    private readonly client: MlflowClient,
    private readonly runMetrics: RunMetricsCache,
  ) {}

  /** The MLflow instance's configured name. */
  get instanceName(): string {
    return this.client.instanceName;
  }

  /** The registered model of this name, with its tags and aliases. */
  async getRegisteredModel(name: string): Promise<RegistryModel> {
    return toRegistryModel(await this.client.getRegisteredModel(name));
  }

  /** Every version of the registered model (`model-versions/search`, all pages). */
  async listModelVersions(name: string): Promise<RegistryModelVersion[]> {
    return (await this.client.searchModelVersions(name)).map(toRegistryVersion);
  }

  /** One version of a registered model. */
  async getModelVersion(
    name: string,
    version: string,
  ): Promise<RegistryModelVersion> {
    return toRegistryVersion(await this.client.getModelVersion(name, version));
  }

  /**
   * The latest metrics of each version's training run, by version; `{}` for a version without a run, or whose
   * run MLflow no longer has (its quality gates then fail: nothing is logged).
   */
  async versionMetrics(
    versions: RegistryModelVersion[],
  ): Promise<Map<string, Record<string, number>>> {
    const byRun = await this.runMetrics.metricsOf(
      this.client,
      versions.flatMap(v => (v.runId ? [v.runId] : [])),
    );
    return new Map(
      versions.map(v => [
        v.version,
        (v.runId ? byRun.get(v.runId) : undefined) ?? {},
      ]),
    );
  }

  /** Every registered model of the instance (`registered-models/search`, all pages). */
  async listRegisteredModels(): Promise<RegistryModel[]> {
    return (await this.client.searchRegisteredModels()).map(toRegistryModel);
  }

  /** Points `alias` at `version`, replacing where it pointed. */
  setAlias(name: string, alias: string, version: string): Promise<void> {
    return this.client.setAlias(name, alias, version);
  }

  /** Removes `alias`; an alias that is not set is not an error. */
  deleteAlias(name: string, alias: string): Promise<void> {
    return this.client.deleteAlias(name, alias).catch(error => {
      // Removing an alias that is not set is done already.
      if (error instanceof MlflowApiError && error.isNotFound) {
        return;
      }
      throw error;
    });
  }

  /**
   * A file of the version's training run: listed with `artifacts/list` (so a missing file is `undefined`, not an
   * error), then downloaded through the tracking server's artifact proxy from the run's `artifact_uri`.
   */
  async readTrainingArtifact(
    version: RegistryModelVersion,
    path: string,
  ): Promise<string | undefined> {
    const runId = version.runId;
    if (!runId) {
      return undefined;
    }
    const folder = path.includes('/')
      ? path.slice(0, path.lastIndexOf('/'))
      : undefined;
    let files;
    try {
      files = await this.client.listArtifacts(runId, folder);
    } catch (error) {
      // The run is gone (deleted, or in another tracking server): it has no files to read.
      if (error instanceof MlflowApiError && error.isNotFound) {
        return undefined;
      }
      throw error;
    }
    if (!files.some(file => file.path === path && !file.is_dir)) {
      return undefined;
    }
    const run = await this.client.getRun(runId);
    return this.client.downloadArtifact(run.info.artifact_uri ?? '', path);
  }

  /** Creates a registered model; a `ConflictError` when the instance already has one of this name. */
  async createRegisteredModel(
    name: string,
    options: { description?: string; tags: Record<string, string> },
  ): Promise<void> {
    try {
      await this.client.createRegisteredModel(name, options);
    } catch (error) {
      if (
        error instanceof MlflowApiError &&
        error.errorCode === 'RESOURCE_ALREADY_EXISTS'
      ) {
        throw new ConflictError(
          `MLflow instance '${this.instanceName}' already has a registered model named '${name}'`,
        );
      }
      throw error;
    }
  }
}

/**
 * MLflow (`spec.registry.provider: mlflow`) with the instances configured under `mlops.mlflow.instances`.
 *
 * @public
 */
export class MlflowModelRegistry implements ModelRegistry {
  /** The `spec.registry.provider` this registry answers for: `mlflow`. */
  readonly provider = 'mlflow';
  /** Its name for people: MLflow. */
  readonly title = 'MLflow';
  private readonly clients = new Map<string, MlflowRegistryClient>();

  constructor(private readonly mlflow: MlflowClients, cache: CacheService) {
    this.runMetrics = new RunMetricsCache(cache);
  }

  private readonly runMetrics: RunMetricsCache;

  /** The names of the instances under `mlops.mlflow.instances`, in config order. */
  instanceNames(): string[] {
    return this.mlflow.names();
  }

  /** The instance a Model names in `spec.registry.instance`, or the first configured one; a 503 when none is configured by that name. */
  instance(name?: string): MlflowRegistryClient {
    const client = this.mlflow.get(name);
    let adapted = this.clients.get(client.instanceName);
    if (!adapted) {
      adapted = new MlflowRegistryClient(client, this.runMetrics);
      this.clients.set(client.instanceName, adapted);
    }
    return adapted;
  }
}
