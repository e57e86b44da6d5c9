/*
 * Benchmark, not a test: the health endpoint's service under 50 concurrent clients refreshing one Model page for
 * 20 s. Debian's Prometheus scrapes the sandbox (traffic, feature histograms, alert rules) through a counting
 * proxy, so the figures include how many queries per second actually reach Prometheus.
 *
 *   yarn bench:health            (from the repository root; needs /usr/bin/prometheus)
 *   CLIENTS=200 SECONDS=30 yarn bench:health
 */
import { ConfigReader } from '@backstage/config';
import { modelEntityV1alpha1Schema } from '@mlops-portal/plugin-mlops-common';
import {
  createSandboxApp,
  sandboxRulesFile,
  startPrometheus,
} from '@mlops-portal/sandbox';
import knexFactory from 'knex';
import { createServer, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { seldonV1Platform } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import { KubernetesClusters } from '@mlops-portal/plugin-mlops-node';
import { PrometheusClients } from '../src/shared/prometheus/PrometheusClients';
import { applyMigrations } from '../src/shared/database/applyMigrations';
import { DriftReferenceStore } from '../src/health/drift/DriftReferenceStore';
import { DriftService } from '../src/health/drift/DriftService';
import { CachedPrometheus } from '../src/shared/prometheus/CachedPrometheus';
import { DEFAULT_HEALTH_THRESHOLDS } from '../src/health/healthStatus';
import { ModelHealthService } from '../src/health/ModelHealthService';
import { healthQueriesFor } from '../src/health/queryTemplates';
import { ServingPlatforms } from '../src/shared/ServingPlatforms';
import { ModelEntities } from '../src/shared/ModelEntities';
import { memoryCache } from '../src/__testUtils__/memoryCache';
import { sandboxClusterConfig } from '../src/__testUtils__/sandboxClusters';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 20);

const listen = async (server: Server) => {
  server.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

async function main() {
  const sandbox = createSandboxApp({ trafficTickMs: 200 }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise(resolve => sandbox.once('listening', resolve));
  const sandboxUrl = `http://127.0.0.1:${
    (sandbox.address() as AddressInfo).port
  }`;
  const prometheus = await startPrometheus(
    sandboxUrl.replace('http://', ''),
    '/model-metrics/metrics',
    { ruleFiles: [sandboxRulesFile()] },
  );
  // Counts every request that reaches Prometheus.
  let reached = 0;
  const target = new URL(prometheus.url);
  const proxy = createServer((req, res) => {
    reached += 1;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  const proxyUrl = await listen(proxy);

  const config = new ConfigReader({
    mlops: {
      prometheus: { instances: [{ name: 'default', baseUrl: proxyUrl }] },
    },
    kubernetes: sandboxClusterConfig(`${sandboxUrl}/kubernetes`),
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await applyMigrations({ getClient: async () => knex } as any);
  const model = JSON.parse(
    JSON.stringify(modelEntityV1alpha1Schema.examples[0]),
  );
  model.spec.serving.cluster = 'sandbox';
  model.spec.monitoring = { prometheus: 'default' };
  const cached = new CachedPrometheus(memoryCache(), 15);
  const service = new ModelHealthService({
    models: new ModelEntities({ getEntityByRef: async () => model } as any),
    clients: PrometheusClients.fromConfig(config),
    prometheus: cached,
    queryOverrides: {},
    drift: new DriftService({
      prometheus: cached,
      queries: healthQueriesFor(undefined, {}),
      references: new DriftReferenceStore(knex),
      window: '1m',
    }),
    platforms: new ServingPlatforms([
      seldonV1Platform(KubernetesClusters.fromConfig(config)),
    ]),
    thresholds: DEFAULT_HEALTH_THRESHOLDS,
    window: '30s',
  });
  // Let Prometheus collect a rate window first.
  await new Promise(resolve => setTimeout(resolve, 12_000));
  reached = 0;

  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const until = Date.now() + SECONDS * 1000;
  const credentials = {} as any;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        const health = await service.health(
          'model:default/fraud-detector',
          credentials,
        );
        latencies.push(performance.now() - started);
        statuses.set(health.status, (statuses.get(health.status) ?? 0) + 1);
        // A browser tab refreshes every 30 s; these clients refresh as fast as they can, the worst case.
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
    ];
  console.log(
    `Health endpoint service, ${CLIENTS} concurrent clients for ${SECONDS} s (cache 15 s)`,
  );
  console.log(
    `  ${latencies.length} answers (${(latencies.length / SECONDS).toFixed(
      0,
    )}/s): p50 ${at(50).toFixed(1)} ms, p99 ${at(99).toFixed(
      1,
    )} ms, max ${latencies[latencies.length - 1].toFixed(
      1,
    )} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  console.log(
    `  requests reaching Prometheus: ${reached} (${(reached / SECONDS).toFixed(
      2,
    )}/s); without the cache each answer costs 19 (5 metric queries, alerts, 3 drift queries, 10 for the drift trend)`,
  );

  await knex.destroy();
  proxy.close();
  await prometheus.stop();
  sandbox.close();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
