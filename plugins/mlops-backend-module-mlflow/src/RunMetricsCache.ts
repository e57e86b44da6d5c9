import { CacheService } from '@backstage/backend-plugin-api';
import { MlflowClient } from './MlflowClient';
import { getRunsById } from './getRunsById';

/**
 * Latest metric values per MLflow run. A finished run's metrics no longer change, so they are kept in the
 * backend's cache (`coreServices.cache`, namespaced by the `mlops` plugin, one key per instance and run, for a
 * week): replicas share them when `backend.cache.store` is a shared store (Redis, Valkey, Memcache, Infinispan);
 * with the default `memory` store each replica keeps its own. Runs not cached are read in batches
 * (`getRunsById`): a model with 500 versions costs one `runs/get` and a few `runs/search` calls the first time,
 * and none after.
 *
 * @public
 */
export class RunMetricsCache {
  constructor(
    private readonly cache: CacheService,
    private readonly options: {
      ttlMs?: number;
      idsPerSearch?: number;
      pageSize?: number;
    } = {},
  ) {}

  /**
   * The latest value of each metric of the given runs, by run id, read from the cache or from MLflow; finished
   * runs' metrics are cached. A run MLflow does not have is left out.
   */
  async metricsOf(
    client: MlflowClient,
    runIds: string[],
  ): Promise<Map<string, Record<string, number>>> {
    const keyOf = (runId: string) =>
      `mlflow-run-metrics:${client.instanceName}:${runId}`;
    const unique = [...new Set(runIds)];
    const result = new Map<string, Record<string, number>>();
    const cached = await Promise.all(
      unique.map(
        runId =>
          this.cache.get(keyOf(runId)) as Promise<
            Record<string, number> | undefined
          >,
      ),
    );
    const missing: string[] = [];
    unique.forEach((runId, index) => {
      const metrics = cached[index];
      if (metrics) {
        result.set(runId, metrics);
      } else {
        missing.push(runId);
      }
    });
    if (missing.length === 0) {
      return result;
    }
    const runs = await getRunsById(client, missing, this.options);
    const writes: Promise<void>[] = [];
    for (const [runId, run] of runs) {
      const metrics = Object.fromEntries(
        (run.data?.metrics ?? []).map(m => [m.key, m.value]),
      );
      result.set(runId, metrics);
      if (run.info.status === 'FINISHED') {
        writes.push(
          this.cache.set(keyOf(runId), metrics, {
            ttl: this.options.ttlMs ?? 7 * 24 * 3600 * 1000,
          }),
        );
      }
    }
    await Promise.all(writes);
    return result;
  }
}
