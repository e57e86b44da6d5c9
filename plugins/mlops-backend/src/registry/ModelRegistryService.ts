import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AliasState,
  CHAMPION_ALIAS,
  ModelVersionSummary,
  RegistryView,
} from '@mlops-portal/plugin-mlops-common';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { ModelRegistries } from '../shared/ModelRegistries';
import { ModelEntities } from '../shared/ModelEntities';
import { evaluateQualityGates } from './gates/evaluateQualityGates';
import { PromotionStore } from './PromotionStore';

/**
 * Reads a Model's registry entry from its registry and joins it with the portal's history: every version with its
 * run metrics, aliases and gate results, and for each alias since when and by whom it points where it does.
 */
export class ModelRegistryService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      registries: ModelRegistries;
      store: PromotionStore;
    },
  ) {}

  async getRegistryView(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RegistryView> {
    const model = await this.deps.models.getRegisteredModel(
      entityRef,
      credentials,
    );
    const client = this.deps.registries.client(model);
    const { title } = this.deps.registries.registry(model.provider);
    const notFound = `Registered model '${model.registeredModel}' not found in ${title} instance '${client.instanceName}'`;
    try {
      const [registeredModel, versions, moves] = await Promise.all([
        client.getRegisteredModel(model.registeredModel),
        client.listModelVersions(model.registeredModel),
        this.deps.store.lastCompletedMoves(entityRef),
      ]);
      const metricsByVersion = await client.versionMetrics(versions);
      const aliasMap = new Map(Object.entries(registeredModel.aliases));
      const metricsOf = (version?: string) =>
        (version && metricsByVersion.get(version)) || {};
      const championVersion = aliasMap.get(CHAMPION_ALIAS);
      const champion = championVersion
        ? { version: championVersion, metrics: metricsOf(championVersion) }
        : undefined;

      const summaries: ModelVersionSummary[] = versions
        .map(v => {
          const metrics = metricsOf(v.version);
          const gates = evaluateQualityGates(
            model.entity.spec.qualityGates ?? [],
            { version: v.version, metrics },
            champion,
          );
          return {
            version: v.version,
            status: v.status,
            runId: v.runId,
            source: v.source,
            description: v.description,
            createdAt: v.createdAt ?? new Date(0).toISOString(),
            createdBy: v.createdBy,
            aliases: [...aliasMap]
              .filter(([, to]) => to === v.version)
              .map(([a]) => a),
            metrics,
            gates,
            gatesPassed: gates.every(g => g.passed),
          };
        })
        .sort((a, b) => Number(b.version) - Number(a.version));

      return {
        instance: client.instanceName,
        registeredModel: {
          name: registeredModel.name,
          description: registeredModel.description,
          createdAt: registeredModel.createdAt,
          updatedAt: registeredModel.updatedAt,
          tags: registeredModel.tags,
        },
        protectedAliases: model.protectedAliases,
        aliases: [...aliasMap].map(([alias, version]): AliasState => {
          const move = moves.get(alias);
          const known = move && move.toVersion === version;
          return {
            alias,
            version,
            protected: model.protectedAliases.includes(alias),
            movedAt: known ? move.completedAt : undefined,
            movedBy: known ? move.requestedBy : undefined,
            promotionId: known ? move.id : undefined,
          };
        }),
        versions: summaries,
      };
    } catch (error) {
      throw upstreamErrorToServiceError(error, notFound);
    }
  }
}
