import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CHAMPION_ALIAS, GateResult } from '@mlops-portal/plugin-mlops-common';
import {
  ModelRegistryClient,
  RegistryModel,
  RegistryModelVersion,
} from '@mlops-portal/plugin-mlops-node';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { authorizeOnEntity } from '../shared/authorizeOnEntity';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { ModelRegistries } from '../shared/ModelRegistries';
import { ModelEntities, RegisteredModelEntity } from '../shared/ModelEntities';
import { evaluateQualityGates } from './gates/evaluateQualityGates';

/** A version checked for an alias move: the Model, its registry, the version, the aliases now, and its gates. */
export type CheckedCandidate = {
  model: RegisteredModelEntity;
  registry: ModelRegistryClient;
  candidate: RegistryModelVersion;
  registered: RegistryModel;
  gates: GateResult[];
  gatesPassed: boolean;
};

/**
 * The opening every move of a version toward an alias shares, whether a promotion or a rollout: the Model read
 * with the caller's credentials (catalog read permission), the action's permission on it, the version and the
 * registered model's aliases from its registry, and the version's quality gates (against champion's metrics for
 * regression bounds).
 */
export class CandidateCheck {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      registries: ModelRegistries;
      permissions: PermissionsService;
    },
  ) {}

  async check(
    entityRef: string,
    version: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<CheckedCandidate> {
    const model = await this.deps.models.getRegisteredModel(
      entityRef,
      credentials,
    );
    await authorizeOnEntity(
      this.deps.permissions,
      permission,
      entityRef,
      credentials,
    );
    const registry = this.deps.registries.client(model);
    const { title } = this.deps.registries.registry(model.provider);
    try {
      const [candidate, registered] = await Promise.all([
        registry.getModelVersion(model.registeredModel, version),
        registry.getRegisteredModel(model.registeredModel),
      ]).catch(error => {
        throw upstreamErrorToServiceError(
          error,
          `Version ${version} of registered model '${model.registeredModel}' not found in ${title} instance '${registry.instanceName}'`,
        );
      });
      const championVersion = registered.aliases[CHAMPION_ALIAS];
      const champion = championVersion
        ? await registry.getModelVersion(model.registeredModel, championVersion)
        : undefined;
      const metrics = await registry.versionMetrics(
        champion ? [candidate, champion] : [candidate],
      );
      const gates = evaluateQualityGates(
        model.entity.spec.qualityGates ?? [],
        { version: candidate.version, metrics: metrics.get(version) ?? {} },
        champion && {
          version: champion.version,
          metrics: metrics.get(champion.version) ?? {},
        },
      );
      return {
        model,
        registry,
        candidate,
        registered,
        gates,
        gatesPassed: gates.every(g => g.passed),
      };
    } catch (error) {
      throw upstreamErrorToServiceError(error);
    }
  }
}
