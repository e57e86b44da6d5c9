import { ConflictError } from '@backstage/errors';
import {
  forEachConcurrently,
  ModelRegistry,
  ModelRegistryClient,
  RegistryModel,
  RegistryModelVersion,
} from '@mlops-portal/plugin-mlops-node';
import {
  aliasesFromProperties,
  aliasPropertyKey,
  metricsFromProperties,
  stringProperty,
  tagsFromProperties,
} from './customProperties';
import { KubeflowModelRegistryApiError } from './KubeflowModelRegistryApiError';
import { KubeflowModelRegistryClient } from './KubeflowModelRegistryClient';
import { KubeflowModelRegistryClients } from './KubeflowModelRegistryClients';
import {
  ModelRegistryModelVersion,
  ModelRegistryRegisteredModel,
} from './modelRegistryTypes';

const iso = (ms?: string) =>
  ms && /^\d+$/.test(ms) ? new Date(Number(ms)).toISOString() : undefined;

/** What the API accepts as an id (int64 as a string, `^[1-9][0-9]{0,8}$` in the spec's path parameters). */
const RESOURCE_ID = /^[1-9][0-9]{0,8}$/;

/**
 * A Kubeflow Model Registry registered model in the portal's words: its string custom properties are its tags,
 * its `mlops.alias.<alias>` custom properties its aliases.
 *
 * @public
 */
export function toRegistryModel(
  model: ModelRegistryRegisteredModel,
): RegistryModel {
  return {
    name: model.name,
    description: model.description,
    createdAt: iso(model.createTimeSinceEpoch),
    updatedAt: iso(model.lastUpdateTimeSinceEpoch),
    tags: tagsFromProperties(model.customProperties),
    aliases: aliasesFromProperties(model.customProperties),
  };
}

/**
 * A Kubeflow Model Registry model version in the portal's words: `version` is the `ModelVersion`'s id.
 *
 * @public
 */
export function toRegistryVersion(
  model: ModelRegistryRegisteredModel,
  version: ModelRegistryModelVersion,
  source?: string,
): RegistryModelVersion {
  return {
    name: model.name,
    version: version.id,
    status: 'READY',
    source,
    description: version.description,
    createdAt: iso(version.createTimeSinceEpoch),
    createdBy: version.author,
    tags: tagsFromProperties(version.customProperties),
  };
}

/**
 * One Kubeflow Model Registry instance as a portal registry. The registry has no aliases, so each alias is a
 * custom property of the registered model (`mlops.alias.<alias>`, a `MetadataStringValue` holding the version's
 * id), moved by re-reading the model and PATCHing its whole custom property map with that one key changed.
 * A version's metrics are its numeric custom properties (`MetadataDoubleValue`, `MetadataIntValue`).
 *
 * @public
 */
export class KubeflowRegistryClient implements ModelRegistryClient {
  /** The metrics of the versions this client handed out, so `versionMetrics` needs no further call for them. */
  private readonly metricsOfVersion = new WeakMap<
    RegistryModelVersion,
    Record<string, number>
  >();

  constructor(private readonly client: KubeflowModelRegistryClient) {}

  /** The instance's configured name. */
  get instanceName(): string {
    return this.client.instanceName;
  }

  /** The registered model of this name (`GET /registered_model?name=`), with its tags and aliases. */
  async getRegisteredModel(name: string): Promise<RegistryModel> {
    return toRegistryModel(await this.client.findRegisteredModel(name));
  }

  /** Every live version of the registered model; archived versions are retired and left out. */
  async listModelVersions(name: string): Promise<RegistryModelVersion[]> {
    const model = await this.client.findRegisteredModel(name);
    const versions = await this.client.listModelVersions(model.id);
    return versions
      .filter(v => v.state !== 'ARCHIVED')
      .map(v => this.adapt(model, v));
  }

  /** One live version of the registered model, with its model artifact's `uri` as its source. */
  async getModelVersion(
    name: string,
    version: string,
  ): Promise<RegistryModelVersion> {
    const [model, found] = await Promise.all([
      this.client.findRegisteredModel(name),
      this.liveVersion(version),
    ]);
    this.ensureVersionOf(model, found);
    const artifacts = await this.client.listModelArtifacts(found.id);
    return this.adapt(model, found, artifacts.find(a => a.uri)?.uri);
  }

  /** The numeric custom properties of each version, by version; read again only for versions another client made. */
  async versionMetrics(
    versions: RegistryModelVersion[],
  ): Promise<Map<string, Record<string, number>>> {
    const metrics = new Map<string, Record<string, number>>();
    const unknown: RegistryModelVersion[] = [];
    for (const v of versions) {
      const known = this.metricsOfVersion.get(v);
      if (known) {
        metrics.set(v.version, known);
      } else {
        unknown.push(v);
      }
    }
    await forEachConcurrently(unknown, 8, async v => {
      const read = await this.client.getModelVersion(v.version);
      metrics.set(v.version, metricsFromProperties(read.customProperties));
    });
    return metrics;
  }

  /** Every live registered model of the instance (all pages); archived ones are left out. */
  async listRegisteredModels(): Promise<RegistryModel[]> {
    return (await this.client.listRegisteredModels())
      .filter(m => m.state !== 'ARCHIVED')
      .map(toRegistryModel);
  }

  /**
   * Points `alias` at `version`: checks the version is a live version of this model (the registry would accept
   * any string), then re-reads the model and PATCHes its custom properties with `mlops.alias.<alias>` set and
   * every other property as it was read.
   */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    const [model, found] = await Promise.all([
      this.client.findRegisteredModel(name),
      this.liveVersion(version),
    ]);
    this.ensureVersionOf(model, found);
    await this.client.updateRegisteredModel(model.id, {
      customProperties: {
        ...model.customProperties,
        [aliasPropertyKey(alias)]: stringProperty(found.id),
      },
    });
  }

  /**
   * Removes `alias`: re-reads the model and PATCHes its custom properties without `mlops.alias.<alias>`. An
   * alias that is not set is not an error. The model is read back, so a server that kept the property is told.
   */
  async deleteAlias(name: string, alias: string): Promise<void> {
    const key = aliasPropertyKey(alias);
    const model = await this.client.findRegisteredModel(name);
    if (!model.customProperties || !(key in model.customProperties)) {
      return;
    }
    const { [key]: _removed, ...kept } = model.customProperties;
    await this.client.updateRegisteredModel(model.id, {
      customProperties: kept,
    });
    const after = await this.client.getRegisteredModel(model.id);
    if (after.customProperties && key in after.customProperties) {
      throw new KubeflowModelRegistryApiError(
        this.instanceName,
        'updateRegisteredModel',
        200,
        undefined,
        `the registry kept custom property '${key}' that the update left out, so alias '${alias}' of '${name}' could not be removed`,
      );
    }
  }

  /** Creates a registered model, its tags as string custom properties; a `ConflictError` when the name is taken. */
  async createRegisteredModel(
    name: string,
    options: { description?: string; tags: Record<string, string> },
  ): Promise<void> {
    try {
      await this.client.createRegisteredModel({
        name,
        ...(options.description ? { description: options.description } : {}),
        customProperties: Object.fromEntries(
          Object.entries(options.tags).map(([k, v]) => [k, stringProperty(v)]),
        ),
      });
    } catch (error) {
      if (
        error instanceof KubeflowModelRegistryApiError &&
        error.status === 409
      ) {
        throw new ConflictError(
          `Kubeflow Model Registry instance '${this.instanceName}' already has a registered model named '${name}'`,
        );
      }
      throw error;
    }
  }

  private adapt(
    model: ModelRegistryRegisteredModel,
    version: ModelRegistryModelVersion,
    source?: string,
  ): RegistryModelVersion {
    const adapted = toRegistryVersion(model, version, source);
    this.metricsOfVersion.set(
      adapted,
      metricsFromProperties(version.customProperties),
    );
    return adapted;
  }

  /** The live `ModelVersion` with this id; an id the API cannot take, or an archived version, is not found. */
  private async liveVersion(id: string): Promise<ModelRegistryModelVersion> {
    if (!RESOURCE_ID.test(id)) {
      throw this.notFound(`'${id}' is not a model version id`);
    }
    const version = await this.client.getModelVersion(id);
    if (version.state === 'ARCHIVED') {
      throw this.notFound(`model version ${id} is archived`);
    }
    return version;
  }

  private ensureVersionOf(
    model: ModelRegistryRegisteredModel,
    version: ModelRegistryModelVersion,
  ) {
    if (version.registeredModelId !== model.id) {
      throw this.notFound(
        `model version ${version.id} is not a version of registered model '${model.name}'`,
      );
    }
  }

  /** A 404 as the registry would give for a version it does not hold under this model. */
  private notFound(message: string) {
    return new KubeflowModelRegistryApiError(
      this.instanceName,
      'getModelVersion',
      404,
      undefined,
      message,
    );
  }
}

/**
 * The Kubeflow Model Registry (`spec.registry.provider: kubeflow-model-registry`) with the instances configured
 * under `mlops.kubeflowModelRegistry.instances`.
 *
 * @public
 */
export class KubeflowModelRegistry implements ModelRegistry {
  /** The `spec.registry.provider` this registry answers for: `kubeflow-model-registry`. */
  readonly provider = 'kubeflow-model-registry';
  /** Its name for people: Kubeflow Model Registry. */
  readonly title = 'Kubeflow Model Registry';
  private readonly clients = new Map<string, KubeflowRegistryClient>();

  constructor(private readonly registries: KubeflowModelRegistryClients) {}

  /** The names of the instances under `mlops.kubeflowModelRegistry.instances`, in config order. */
  instanceNames(): string[] {
    return this.registries.names();
  }

  /** The instance a Model names in `spec.registry.instance`, or the first configured one; a 503 when none is configured by that name. */
  instance(name?: string): KubeflowRegistryClient {
    const client = this.registries.get(name);
    let adapted = this.clients.get(client.instanceName);
    if (!adapted) {
      adapted = new KubeflowRegistryClient(client);
      this.clients.set(client.instanceName, adapted);
    }
    return adapted;
  }
}
