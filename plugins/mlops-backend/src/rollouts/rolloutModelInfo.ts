import { AuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_PROTECTED_ALIASES,
  isModelEntity,
  modelAliasFile,
  ModelAliasFile,
  ModelGitOps,
} from '@mlops-portal/plugin-mlops-common';
import { ModelRegistryClient } from '@mlops-portal/plugin-mlops-node';
import { PrometheusClient } from '../shared/prometheus/PrometheusClient';
import { PrometheusClients } from '../shared/prometheus/PrometheusClients';
import { ModelRegistries } from '../shared/ModelRegistries';
import { StoredRollout } from './RolloutStore';

/** What the engine needs to know about a Model beyond the rollout row. */
export type RolloutModelInfo = {
  /** The Model's registry instance, resolved only to move an alias. */
  registry: () => ModelRegistryClient;
  registeredModel: string;
  /** Aliases whose moves need a second person's approval when a rollout only recommends them (A/B tests). */
  protectedAliases: string[];
  /** The Model's Prometheus, resolved only to measure: a person can still promote or abort without one. */
  prometheus: () => PrometheusClient;
  window: string;
  /** GitOps mode (`spec.serving.gitops`): traffic writes are Git changes of the manifest. */
  gitops?: ModelGitOps;
  /**
   * Present when the Model's registry policy moves protected aliases through pull requests
   * (`spec.registry.changeVia: pull-request`): its alias file (absent when the Model names none) and its registry
   * provider, as the file records it.
   */
  aliasPullRequests?: { file?: Required<ModelAliasFile>; provider: string };
};

/**
 * Looks up, for the engine's background ticks, the Model a rollout is about: its registry entry and its
 * Prometheus (`spec.monitoring.prometheus`). The engine acts as the plugin itself here; the user's permission
 * was checked when the rollout started.
 */
export function rolloutModelInfo(
  catalog: CatalogService,
  auth: AuthService,
  prometheus: PrometheusClients,
  registries: ModelRegistries,
): (rollout: StoredRollout) => Promise<RolloutModelInfo> {
  return async rollout => {
    const entity = await catalog.getEntityByRef(rollout.entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity || !isModelEntity(entity) || !entity.spec.registry) {
      throw new NotFoundError(
        `${rollout.entityRef} is no longer a Model with a registry in the catalog`,
      );
    }
    const registry = entity.spec.registry;
    return {
      registry: () => registries.client(registry),
      protectedAliases: registry.protectedAliases ?? DEFAULT_PROTECTED_ALIASES,
      registeredModel: registry.modelName,
      prometheus: () => prometheus.get(entity.spec.monitoring?.prometheus),
      window: '2m',
      ...(entity.spec.serving?.gitops
        ? { gitops: entity.spec.serving.gitops }
        : {}),
      ...(registry.changeVia === 'pull-request'
        ? {
            aliasPullRequests: {
              file: modelAliasFile(entity),
              provider: registry.provider,
            },
          }
        : {}),
    };
  };
}
