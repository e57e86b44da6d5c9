import { CacheService } from '@backstage/backend-plugin-api';
import { forEachConcurrently } from '@mlops-portal/plugin-mlops-node';
import { MlflowClient } from './MlflowClient';

/**
 * Latest metric values per MLflow run, fetched with bounded concurrency. A finished run's metrics no longer
 * change, so they are kept in the backend's cache (`coreServices.cache`, shared by replicas where it is Redis
 * or memcache): a model with hundreds of versions costs one `runs/get` per version the first time, and none after.
 *
 * @public
 */
export class RunMetricsCache {
  constructor(
    private readonly cache: CacheService,
    private readonly concurrency = 8,
    private readonly ttlMs = 7 * 24 * 3600 * 1000,
  ) {}

  /** The latest value of each metric of the given runs, by run id, read from the cache or with `runs/get`; finished runs' metrics are cached. */
  async metricsOf(
    client: MlflowClient,
    runIds: string[],
  ): Promise<Map<string, Record<string, number>>> {
    const result = new Map<string, Record<string, number>>();
    await forEachConcurrently(
      [...new Set(runIds)],
      this.concurrency,
      async runId => {
        const key = `mlflow-run-metrics:${client.instanceName}:${runId}`;
        const cached = (await this.cache.get(key)) as
          | Record<string, number>
          | undefined;
        if (cached) {
          result.set(runId, cached);
          return;
        }
        const run = await client.getRun(runId);
        const metrics = Object.fromEntries(
          (run.data?.metrics ?? []).map(m => [m.key, m.value]),
        );
        result.set(runId, metrics);
        if (run.info.status === 'FINISHED') {
          await this.cache.set(key, metrics, { ttl: this.ttlMs });
        }
      },
    );
    return result;
  }
}
