import { CacheService } from '@backstage/backend-plugin-api';
import {
  PrometheusAlert,
  PrometheusClient,
  PrometheusSample,
  PrometheusSeries,
} from './PrometheusClient';

/**
 * Puts `coreServices.cache` and request coalescing in front of Prometheus, so many viewers of one Model page
 * cost one query per distinct query and interval: identical calls in flight share one request, and answers are
 * kept for `ttlSeconds` (default 15, one scrape interval or so). Failures are not cached.
 */
export class CachedPrometheus {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Queries that reached Prometheus, for tests and benchmarks. */
  upstreamCalls = 0;

  constructor(
    private readonly cache: CacheService,
    private readonly ttlSeconds = 15,
  ) {}

  /** An instant query, now or at `time` (pass times aligned to a step, so viewers share them). */
  query(
    client: PrometheusClient,
    query: string,
    time?: Date,
  ): Promise<PrometheusSample[]> {
    return this.cached(
      `q|${client.instanceName}|${time?.getTime() ?? 'now'}|${query}`,
      () => client.query(query, time),
    );
  }

  queryRange(
    client: PrometheusClient,
    query: string,
    rangeSeconds: number,
    stepSeconds: number,
  ): Promise<PrometheusSeries[]> {
    // Aligned to the step, so viewers within one step ask for the same range and share the answer.
    const end = Math.floor(Date.now() / 1000 / stepSeconds) * stepSeconds;
    return this.cached(
      `r|${client.instanceName}|${rangeSeconds}|${stepSeconds}|${end}|${query}`,
      () =>
        client.queryRange(
          query,
          new Date((end - rangeSeconds) * 1000),
          new Date(end * 1000),
          stepSeconds,
        ),
    );
  }

  alerts(client: PrometheusClient): Promise<PrometheusAlert[]> {
    return this.cached(`a|${client.instanceName}`, () => client.alerts());
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) {
      return running as Promise<T>;
    }
    const work = (async () => {
      const hit = await this.cache.get(key);
      if (hit !== undefined) {
        return hit as T;
      }
      this.upstreamCalls += 1;
      const value = await load();
      await this.cache.set(key, value as any, {
        ttl: { seconds: this.ttlSeconds },
      });
      return value;
    })();
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
