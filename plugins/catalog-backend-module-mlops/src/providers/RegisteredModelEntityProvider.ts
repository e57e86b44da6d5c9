import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  ANNOTATION_MLFLOW_REGISTERED_MODEL,
  MLOPS_API_VERSION,
  ModelEntityV1alpha1,
  modelEntityV1alpha1Validator,
} from '@mlops-portal/plugin-mlops-common';
import {
  forEachConcurrently,
  ModelRegistry,
  ModelRegistryClient,
  RegistryModel,
  RegistryModelVersion,
} from '@mlops-portal/plugin-mlops-node';
import {
  CatalogReader,
  entityNameOf,
  titleOf,
  UpstreamEntity,
  UpstreamEntityProvider,
} from './UpstreamEntityProvider';

/** The tag (MLflow) or string custom property (Kubeflow Model Registry) naming a registered model's owner. */
export const OWNER_TAG = 'backstage.io/owner';
/** The tag naming the system a registered model is part of. */
export const SYSTEM_TAG = 'backstage.io/system';
/** The tag naming the training framework, on the registered model or on its latest version (e.g. `xgboost`). */
export const FRAMEWORK_TAG = 'framework';
/** The tag naming the kind of model (e.g. `classification`), on the registered model. */
export const MODEL_TYPE_TAG = 'model_type';

/** How discovered Models get their owner, system and lifecycle (`catalog.providers.mlopsRegistry`). */
export type RegistryProviderOptions = {
  defaultOwner: string;
  /** Owner by registered-model name, used when the model has no `backstage.io/owner` tag. */
  owners: Record<string, string>;
  /** System by registered-model name. */
  systems: Record<string, string>;
  /** The system of models neither tagged nor in `systems`. */
  system?: string;
  lifecycle: string;
  /** `spec.type` of models without a `model_type` tag. */
  type: string;
};

/** Where people and the catalog find a registered model upstream, by registry provider. */
const LOCATIONS: Record<
  string,
  { instancesKey: string; path: (name: string) => string }
> = {
  mlflow: {
    instancesKey: 'mlops.mlflow.instances',
    path: name =>
      `/api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(name)}`,
  },
  'kubeflow-model-registry': {
    instancesKey: 'mlops.kubeflowModelRegistry.instances',
    path: name =>
      `/api/model_registry/v1alpha3/registered_model?name=${encodeURIComponent(
        name,
      )}`,
  },
};

/** The options of `catalog.providers.mlopsRegistry`, or undefined when the block is absent. */
export function registryProviderOptions(
  config: Config,
): RegistryProviderOptions | undefined {
  const provider = config.getOptionalConfig('catalog.providers.mlopsRegistry');
  if (!provider) {
    return undefined;
  }
  return {
    defaultOwner: provider.getString('defaultOwner'),
    owners: (provider.getOptional('owners') as Record<string, string>) ?? {},
    systems: (provider.getOptional('systems') as Record<string, string>) ?? {},
    system: provider.getOptionalString('system'),
    lifecycle: provider.getOptionalString('lifecycle') ?? 'production',
    type: provider.getOptionalString('type') ?? 'unspecified',
  };
}

/**
 * Keeps the catalog's Model entities in step with one model registry instance (an MLflow tracking server, a
 * Kubeflow Model Registry, …): every registered model becomes a Model with `spec.registry` naming it, its owner
 * from its `backstage.io/owner` tag or `owners` or `defaultOwner`, its system from its `backstage.io/system`
 * tag or `systems` or `system`, its framework from the `framework` tag of the model or of its latest version.
 * A model deleted upstream leaves the catalog at the next refresh; an unreadable registry changes nothing; a
 * Model written in YAML with the same name wins ({@link UpstreamEntityProvider}).
 *
 * @remarks
 * The registries are modules of the `mlops` plugin, which a catalog module cannot reach (extension points do not
 * cross plugins), so the catalog module builds its own clients from the same `mlops.*.instances` config.
 */
export class RegisteredModelEntityProvider extends UpstreamEntityProvider {
  protected readonly kind = 'Model';
  private readonly source: string;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly instance: string,
    private readonly options: RegistryProviderOptions,
    private readonly baseUrl: string | undefined,
    logger: LoggerService,
    written?: CatalogReader,
  ) {
    super(
      `mlops-registry-${registry.provider}-${instance}`,
      `registered models of ${registry.title} '${instance}'`,
      logger,
      written,
    );
    this.source = `${registry.provider}:${instance}`;
  }

  /** One provider per configured instance of each registry that can list its models. */
  static fromConfig(
    config: Config,
    registries: ModelRegistry[],
    logger: LoggerService,
    written?: CatalogReader,
  ): RegisteredModelEntityProvider[] {
    const options = registryProviderOptions(config);
    if (!options) {
      return [];
    }
    return registries.flatMap(registry =>
      registry.instanceNames().flatMap(instance => {
        if (!registry.instance(instance).listRegisteredModels) {
          logger.info(
            `${registry.title} '${instance}' cannot list its models; its Models stay in YAML`,
          );
          return [];
        }
        const configured = (
          config.getOptionalConfigArray(
            LOCATIONS[registry.provider]?.instancesKey ?? '',
          ) ?? []
        ).find(i => i.getString('name') === instance);
        return [
          new RegisteredModelEntityProvider(
            registry,
            instance,
            options,
            configured?.getOptionalString('baseUrl'),
            logger,
            written,
          ),
        ];
      }),
    );
  }

  protected sources(): string[] {
    return [this.source];
  }

  protected async read(): Promise<UpstreamEntity[]> {
    const client = this.registry.instance(this.instance);
    const models = await client.listRegisteredModels!();
    const entities: UpstreamEntity[] = [];
    await forEachConcurrently(models, 8, async model => {
      const framework =
        model.tags[FRAMEWORK_TAG] ??
        (await latestVersion(client, model.name))?.tags[FRAMEWORK_TAG];
      const entity = this.toEntity(model, framework);
      try {
        modelEntityV1alpha1Validator(entity);
      } catch (error) {
        this.logger.warn(
          `Registered model '${model.name}' of ${this.registry.title} '${
            this.instance
          }' left out of the catalog: ${(error as Error).message}`,
        );
        return;
      }
      entities.push({ entity, source: this.source });
    });
    // Concurrency finishes in any order; keep the mutation stable.
    entities.sort((a, b) =>
      (
        a.entity.spec!.registry as { modelName: string }
      ).modelName.localeCompare(
        (b.entity.spec!.registry as { modelName: string }).modelName,
      ),
    );
    // Two registered names may give one entity name ("Fraud Detector", "fraud-detector"): the first keeps it.
    const seen = new Set<string>();
    return entities.filter(({ entity }) => {
      if (seen.has(entity.metadata.name)) {
        this.logger.warn(
          `Registered model '${
            (entity.spec!.registry as { modelName: string }).modelName
          }' of ${this.registry.title} '${
            this.instance
          }' left out of the catalog: another model of this registry is already Model '${
            entity.metadata.name
          }'`,
        );
        return false;
      }
      seen.add(entity.metadata.name);
      return true;
    });
  }

  private toEntity(
    model: RegistryModel,
    framework: string | undefined,
  ): ModelEntityV1alpha1 {
    const { options } = this;
    const location = this.locationOf(model.name);
    const system =
      model.tags[SYSTEM_TAG] ?? options.systems[model.name] ?? options.system;
    return {
      apiVersion: MLOPS_API_VERSION,
      kind: 'Model',
      metadata: {
        name: entityNameOf(model.name, 'model'),
        // In words, as the other providers title what they ingest ("transaction-anomaly-detector" → "Transaction anomaly detector").
        title: titleOf(model.name),
        ...(model.description ? { description: model.description } : {}),
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          ...(this.registry.provider === 'mlflow'
            ? { [ANNOTATION_MLFLOW_REGISTERED_MODEL]: model.name }
            : {}),
        },
      },
      spec: {
        type: model.tags[MODEL_TYPE_TAG] ?? options.type,
        lifecycle: options.lifecycle,
        owner: this.ownerOf(model),
        ...(system ? { system } : {}),
        ...(framework ? { framework } : {}),
        registry: {
          provider: this.registry.provider,
          instance: this.instance,
          modelName: model.name,
        },
      },
    };
  }

  /** The owner tag when it is an entity reference, else the configured owner. */
  private ownerOf(model: RegistryModel): string {
    const tagged = model.tags[OWNER_TAG];
    if (tagged) {
      let ref: { namespace: string; name: string } | undefined;
      try {
        ref = parseEntityRef(tagged, {
          defaultKind: 'Group',
          defaultNamespace: 'default',
        });
      } catch {
        ref = undefined;
      }
      if (
        ref &&
        KubernetesValidatorFunctions.isValidObjectName(ref.name) &&
        KubernetesValidatorFunctions.isValidNamespace(ref.namespace)
      ) {
        return tagged;
      }
      this.logger.warn(
        `Registered model '${model.name}': tag ${OWNER_TAG} '${tagged}' is not an entity reference; using the configured owner`,
      );
    }
    return this.options.owners[model.name] ?? this.options.defaultOwner;
  }

  private locationOf(name: string): string {
    const known = LOCATIONS[this.registry.provider];
    return known && this.baseUrl
      ? `url:${this.baseUrl}${known.path(name)}`
      : `mlops-registry:${this.registry.provider}/${
          this.instance
        }/${encodeURIComponent(name)}`;
  }
}

/** The newest version (by creation time, then by version number), or undefined for a model without versions. */
async function latestVersion(
  client: ModelRegistryClient,
  name: string,
): Promise<RegistryModelVersion | undefined> {
  const versions = await client.listModelVersions(name);
  return versions.reduce<RegistryModelVersion | undefined>(
    (latest, v) =>
      !latest ||
      (v.createdAt ?? '') > (latest.createdAt ?? '') ||
      ((v.createdAt ?? '') === (latest.createdAt ?? '') &&
        Number(v.version) > Number(latest.version))
        ? v
        : latest,
    undefined,
  );
}
