/*
 * Benchmark, not a test: one backend's rollout engine driving many canaries at once. Measures how long each
 * step decision takes (one `advance` of one rollout), how long a scheduler tick over all of them takes (it must
 * stay well under the task's 5 s frequency), and how many Prometheus queries a rollout step costs.
 *
 * The Kubernetes API (one SeldonDeployment per model, schema-checked) and MLflow (one registered model per
 * model) are the sandbox's stand-ins over loopback HTTP; the store is SQLite in memory. Prometheus is a counting
 * stand-in answering every instant query with a healthy sample after QUERY_LATENCY_MS (default 20 ms, a loaded
 * Prometheus evaluating a rate over a 2 m window), so the figures are the engine's own cost plus that latency.
 *
 *   yarn bench:rollouts                (from the repository root)
 *   ROLLOUTS=500 QUERY_LATENCY_MS=50 ENGINE_CONCURRENCY=16 yarn bench:rollouts
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  KubernetesFake,
  kubernetesRouter,
  MlflowFake,
  mlflowRouter,
  SANDBOX_KUBERNETES_TOKEN,
} from '@mlops-portal/sandbox';
import express from 'express';
import knexFactory from 'knex';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { kservePlatform } from '@mlops-portal/plugin-mlops-backend-module-kserve';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { seldonV1Platform } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import { KubernetesClusters } from '@mlops-portal/plugin-mlops-node';
import { PrometheusClient } from '../src/shared/prometheus/PrometheusClient';
import { applyMigrations } from '../src/shared/database/applyMigrations';
import { PromotionStore } from '../src/registry/PromotionStore';
import { RolloutStore } from '../src/rollouts/RolloutStore';
import { ModelEntities } from '../src/shared/ModelEntities';
import { AliasMover } from '../src/registry/AliasMover';
import { CandidateCheck } from '../src/registry/CandidateCheck';
import { ModelRegistries } from '../src/shared/ModelRegistries';
import { ServingPlatforms } from '../src/shared/ServingPlatforms';
import { memoryCache } from '../src/__testUtils__/memoryCache';
import { RolloutEngine } from '../src/rollouts/RolloutEngine';
import { RolloutService } from '../src/rollouts/RolloutService';

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function listen(app: express.Express): Promise<[Server, string]> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
}

async function main() {
  const count = Number(process.env.ROLLOUTS ?? 200);
  const queryLatencyMs = Number(process.env.QUERY_LATENCY_MS ?? 20);
  const concurrency = Number(process.env.ENGINE_CONCURRENCY ?? 8);
  const names = Array.from(
    { length: count },
    (_, i) => `model-${String(i).padStart(3, '0')}`,
  );

  const kubernetes = new KubernetesFake(SANDBOX_KUBERNETES_TOKEN);
  const mlflow = new MlflowFake();
  for (const name of names) {
    kubernetes.add('machinelearning.seldon.io', 'seldondeployments', {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name, namespace: 'bench' },
      spec: {
        predictors: [
          {
            name: 'stable',
            replicas: 1,
            traffic: 100,
            graph: {
              name: 'classifier',
              type: 'MODEL',
              implementation: 'MLFLOW_SERVER',
              modelUri: `models:/${name}/1`,
              children: [],
            },
          },
        ],
      },
    });
    mlflow.createRegisteredModel(name, {});
    mlflow.addVersion(name, { metrics: { auc: 0.9 }, createdAt: Date.now() });
    mlflow.addVersion(name, { metrics: { auc: 0.91 }, createdAt: Date.now() });
    mlflow.setAlias(name, 'champion', '1');
  }
  let queries = 0;
  const prometheusApp = express()
    .use(express.urlencoded({ extended: false }))
    .all('/api/v1/query', async (req, res) => {
      queries += 1;
      await new Promise(resolve => setTimeout(resolve, queryLatencyMs));
      const query = String(req.query.query ?? req.body?.query ?? '');
      const value = query.includes('histogram_quantile') ? '0.09' : '0.004';
      res.json({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: {}, value: [Date.now() / 1000, value] }],
        },
      });
    });
  const [k8sServer, k8sUrl] = await listen(
    express().use('/k8s', kubernetesRouter(kubernetes)),
  );
  const [mlflowServer, mlflowUrl] = await listen(
    express().use('/mlflow', mlflowRouter(mlflow)),
  );
  const [promServer, promUrl] = await listen(prometheusApp);

  const config = new ConfigReader({
    mlops: {
      mlflow: {
        instances: [{ name: 'default', baseUrl: `${mlflowUrl}/mlflow` }],
      },
    },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'bench',
              url: `${k8sUrl}/k8s`,
              serviceAccountToken: SANDBOX_KUBERNETES_TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await applyMigrations({ getClient: async () => knex } as any);
  const entity = (name: string) => ({
    apiVersion: 'mlops.backstage.io/v1alpha1',
    kind: 'Model',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/bench',
      registry: { provider: 'mlflow', modelName: name },
      serving: {
        platform: 'seldon',
        cluster: 'bench',
        namespace: 'bench',
        resourceName: name,
      },
    },
  });
  const models = new ModelEntities({
    getEntityByRef: async (ref: string) => entity(ref.split('/').pop()!),
  } as any);
  const registries = new ModelRegistries([
    new MlflowModelRegistry(MlflowClients.fromConfig(config), memoryCache()),
  ]);
  const clusters = KubernetesClusters.fromConfig(config);
  const platforms = new ServingPlatforms([
    seldonV1Platform(clusters),
    kservePlatform(clusters),
  ]);
  const permissions = mockServices.permissions();
  const logger = mockServices.rootLogger({ level: 'warn' });
  const store = new RolloutStore(knex);
  const aliases = new AliasMover({ store: new PromotionStore(knex), logger });
  const prometheus = new PrometheusClient({ name: 'bench', baseUrl: promUrl });
  const engine = new RolloutEngine({
    store,
    platforms,
    aliases,
    instanceId: 'bench',
    modelInfo: async rollout => ({
      registry: () => registries.client({ provider: 'mlflow' }),
      protectedAliases: [],
      registeredModel: rollout.entityRef.split('/').pop()!,
      prometheus: () => prometheus,
      window: '2m',
    }),
    logger,
    concurrency,
  });
  const service = new RolloutService({
    models,
    candidates: new CandidateCheck({ models, registries, permissions }),
    platforms,
    store,
    engine,
    permissions,
  });

  // Every decision of every rollout, timed where the engine makes it.
  const decisions: number[] = [];
  const advance = engine.advance.bind(engine);
  engine.advance = async rollout => {
    const started = performance.now();
    await advance(rollout);
    decisions.push(performance.now() - started);
  };

  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  } as any;
  const startedAt = performance.now();
  await Promise.all(
    names.map(name =>
      service.start(
        {
          entityRef: `model:default/${name}`,
          version: '2',
          steps: [
            { weight: 5, durationSeconds: 2 },
            { weight: 25, durationSeconds: 2 },
            { weight: 100, durationSeconds: 0 },
          ],
          analysis: { intervalSeconds: 1, initialDelaySeconds: 1, count: 2 },
        },
        credentials,
      ),
    ),
  );
  const startMs = performance.now() - startedAt;

  const ticks: number[] = [];
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    const tickStarted = performance.now();
    await engine.tick();
    ticks.push(performance.now() - tickStarted);
    const active = await knex('mlops_rollouts')
      .whereIn('state', ['Progressing', 'Paused'])
      .count({ n: '*' });
    if (Number(active[0].n) === 0 || Date.now() > deadline) break;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const totalS = (performance.now() - startedAt) / 1000;
  const states: Array<{ state: string; n: number | string }> = await knex(
    'mlops_rollouts',
  )
    .select('state')
    .count({ n: '*' })
    .groupBy('state');
  const champions = names.filter(n => mlflow.getAlias(n, 'champion') === '2');
  const stepsRun = count * 3;

  decisions.sort((a, b) => a - b);
  const sortedTicks = [...ticks].sort((a, b) => a - b);
  console.log(
    `Rollout engine, ${count} concurrent canaries (5% → 25% → 100%), ${concurrency} advanced at once, Prometheus answering in ${queryLatencyMs} ms`,
  );
  console.log(`  start ${count} via the service: ${ms(startMs)}`);
  console.log(
    `  finished in ${totalS.toFixed(1)} s: ${states
      .map(s => `${s.n} ${s.state}`)
      .join(', ')}; champion moved on ${champions.length}`,
  );
  console.log(
    `  step decisions: ${decisions.length}, p50 ${ms(
      percentile(decisions, 50),
    )}, p99 ${ms(percentile(decisions, 99))}, max ${ms(
      decisions[decisions.length - 1],
    )}`,
  );
  console.log(
    `  ticks: ${ticks.length}, p50 ${ms(percentile(sortedTicks, 50))}, max ${ms(
      sortedTicks[sortedTicks.length - 1],
    )} (scheduler frequency 5000 ms)`,
  );
  console.log(
    `  Prometheus queries: ${queries} in all, ${(queries / stepsRun).toFixed(
      1,
    )} per rollout step (2 metrics × 2 measurements × canary + stable = 8 expected)`,
  );
  console.log(
    `  Kubernetes calls: ${kubernetes.calls.length} (last 500 kept), schema warnings ${kubernetes.warnings.length}`,
  );

  await knex.destroy();
  for (const server of [k8sServer, mlflowServer, promServer]) {
    server.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
