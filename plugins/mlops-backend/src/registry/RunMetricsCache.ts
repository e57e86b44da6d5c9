import { forEachConcurrently } from '../shared/forEachConcurrently';
import { MlflowClient } from '../shared/mlflow/MlflowClient';

/**
 * Latest metric values per MLflow run, fetched with bounded concurrency and remembered for runs that have
 * finished (their metrics no longer change). A model with hundreds of versions costs one `runs/get` per version
 * the first time, and none after.
 */
export class RunMetricsCache {
  private readonly finished = new Map<string, Record<string, number>>();

  constructor(
    private readonly maxEntries = 20_000,
    private readonly concurrency = 8,
  ) {}

  async metricsOf(
    client: MlflowClient,
    runIds: string[],
  ): Promise<Map<string, Record<string, number>>> {
    const result = new Map<string, Record<string, number>>();
    const missing: string[] = [];
    for (const runId of new Set(runIds)) {
      const cached = this.finished.get(`${client.instanceName}/${runId}`);
      if (cached) {
        result.set(runId, cached);
      } else {
        missing.push(runId);
      }
    }
    await forEachConcurrently(missing, this.concurrency, async runId => {
      const run = await client.getRun(runId);
      const metrics = Object.fromEntries(
        (run.data?.metrics ?? []).map(m => [m.key, m.value]),
      );
      result.set(runId, metrics);
      if (run.info.status === 'FINISHED') {
        this.remember(`${client.instanceName}/${runId}`, metrics);
      }
    });
    return result;
  }

  private remember(key: string, metrics: Record<string, number>) {
    if (this.finished.size >= this.maxEntries) {
      this.finished.delete(this.finished.keys().next().value!);
    }
    this.finished.set(key, metrics);
  }
}
