import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AliasState,
  CHAMPION_ALIAS,
  ModelVersionSummary,
  RegistryView,
} from '@mlops-portal/plugin-mlops-common';
import { MlflowClients } from '../shared/mlflow/MlflowClients';
import { PromotionStore } from './PromotionStore';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { ModelEntities } from '../shared/ModelEntities';
import { evaluateQualityGates } from './gates/evaluateQualityGates';
import { RunMetricsCache } from './RunMetricsCache';

const iso = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/**
 * Reads a Model's registry entry from MLflow and joins it with the portal's history: every version with its
 * run metrics, aliases and gate results, and for each alias since when and by whom it points where it does.
 */
export class ModelRegistryService {
  constructor(
    private readonly models: ModelEntities,
    private readonly clients: MlflowClients,
    private readonly store: PromotionStore,
    private readonly runMetrics: RunMetricsCache,
  ) {}

  async getRegistryView(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RegistryView> {
    const model = await this.models.getRegisteredModel(entityRef, credentials);
    const client = this.clients.get(model.instance);
    const notFound = `Registered model '${model.registeredModel}' not found in MLflow instance '${client.instanceName}'`;
    try {
      const [registeredModel, versions, moves] = await Promise.all([
        client.getRegisteredModel(model.registeredModel),
        client.searchModelVersions(model.registeredModel),
        this.store.lastCompletedMoves(entityRef),
      ]);
      const metricsByRun = await this.runMetrics.metricsOf(
        client,
        versions.flatMap(v => (v.run_id ? [v.run_id] : [])),
      );
      const aliasMap = new Map(
        (registeredModel.aliases ?? []).map(a => [a.alias, a.version]),
      );
      const metricsOf = (version?: string) => {
        const runId = versions.find(v => v.version === version)?.run_id;
        return runId ? metricsByRun.get(runId) ?? {} : {};
      };
      const championVersion = aliasMap.get(CHAMPION_ALIAS);
      const champion = championVersion
        ? { version: championVersion, metrics: metricsOf(championVersion) }
        : undefined;

      const summaries: ModelVersionSummary[] = versions
        .map(v => {
          const metrics = v.run_id ? metricsByRun.get(v.run_id) ?? {} : {};
          const gates = evaluateQualityGates(
            model.entity.spec.qualityGates ?? [],
            { version: v.version, metrics },
            champion,
          );
          return {
            version: v.version,
            status: v.status ?? 'READY',
            runId: v.run_id,
            source: v.source,
            description: v.description,
            createdAt: iso(v.creation_timestamp) ?? new Date(0).toISOString(),
            createdBy: v.user_id,
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
          createdAt: iso(registeredModel.creation_timestamp),
          updatedAt: iso(registeredModel.last_updated_timestamp),
          tags: Object.fromEntries(
            (registeredModel.tags ?? []).map(t => [t.key, t.value]),
          ),
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
