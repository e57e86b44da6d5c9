/*
 * Benchmark, not a test: how long the Registry tab's data takes to assemble, how many upstream calls it costs and
 * how big it is, for a model with many versions, on each registry the portal speaks: MLflow and the Kubeflow Model
 * Registry. Each registry is the sandbox's stand-in served over real HTTP on loopback; the history store is SQLite.
 *
 * "Cold" is a view whose registry cache is empty (a fresh cache each round), in a process that has already
 * assembled one view, so it measures the calls and not the JIT; "warm" reads again with the cache filled. Each
 * figure is the median of ROUNDS rounds. Goal (issue 21): at most 10 upstream calls and under 150 ms cold for 500
 * versions, on both registries.
 *
 *   yarn bench:registry            (from the repository root)
 *   VERSIONS=2000 ROUNDS=3 yarn bench:registry
 */
import { CacheService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  MlflowFake,
  mlflowRouter,
  ModelRegistryFake,
  modelRegistryRouter,
  SANDBOX_MODEL_REGISTRY_TOKEN,
  seedMlflow,
  seedModelRegistry,
} from '@mlops-portal/sandbox';
import { modelEntityV1alpha1Schema } from '@mlops-portal/plugin-mlops-common';
import { ModelRegistry } from '@mlops-portal/plugin-mlops-node';
import express from 'express';
import knexFactory from 'knex';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import {
  KubeflowModelRegistry,
  KubeflowModelRegistryClients,
} from '@mlops-portal/plugin-mlops-backend-module-kubeflow-model-registry';
import { applyMigrations } from '../src/shared/database/applyMigrations';
import { PromotionStore } from '../src/registry/PromotionStore';
import { ModelEntities } from '../src/shared/ModelEntities';
import { ModelRegistryService } from '../src/registry/ModelRegistryService';
import { ModelRegistries } from '../src/shared/ModelRegistries';
import { memoryCache } from '../src/__testUtils__/memoryCache';

const GOAL = { calls: 10, coldMs: 150 };

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function listen(app: express.Express): Promise<[Server, string]> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
}

/** One registry under test: how to build it on a cache, the Model that names it, and its stand-in's call count. */
type RegistryUnderTest = {
  label: string;
  registry: (cache: CacheService) => ModelRegistry;
  spec: { provider: string; instance?: string; modelName: string };
  calls: () => number;
};

async function benchRegistry(
  subject: RegistryUnderTest,
  store: PromotionStore,
  rounds: number,
  versions: number,
): Promise<boolean> {
  const example = modelEntityV1alpha1Schema.examples[0] as any;
  const model = {
    ...example,
    spec: { ...example.spec, registry: subject.spec },
  };
  const catalog = { getEntityByRef: async () => model } as any;
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  } as any;
  const serviceOn = (cache: CacheService) =>
    new ModelRegistryService({
      models: new ModelEntities(catalog),
      registries: new ModelRegistries([subject.registry(cache)]),
      store,
    });
  const view = async (service: ModelRegistryService) => {
    const before = subject.calls();
    const started = process.hrtime.bigint();
    const result = await service.getRegistryView(
      `model:default/${example.metadata.name}`,
      credentials,
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { result, ms, calls: subject.calls() - before };
  };

  // One view first, so the figures below are the registry's calls and not the process warming up.
  await view(serviceOn(memoryCache()));
  const cold: Array<{ ms: number; calls: number }> = [];
  let service = serviceOn(memoryCache());
  for (let round = 0; round < rounds; round++) {
    service = serviceOn(memoryCache());
    cold.push(await view(service));
  }
  const warm: Array<{ ms: number; calls: number }> = [];
  let last;
  for (let round = 0; round < rounds; round++) {
    last = await view(service);
    warm.push(last);
  }
  const json = JSON.stringify(last!.result);
  const coldMs = median(cold.map(r => r.ms));
  const coldCalls = Math.max(...cold.map(r => r.calls));
  const met =
    versions !== 500 || (coldCalls <= GOAL.calls && coldMs < GOAL.coldMs);
  // eslint-disable-next-line no-console
  console.log(
    [
      `${subject.label}: ${last!.result.versions.length} versions, ${(
        json.length / 1024
      ).toFixed(1)} KiB JSON (${(gzipSync(json).length / 1024).toFixed(
        1,
      )} KiB gzip)`,
      `  cold  ${coldMs
        .toFixed(1)
        .padStart(
          7,
        )} ms  ${coldCalls} calls   (median of ${rounds}, empty cache each)`,
      `  warm  ${median(warm.map(r => r.ms))
        .toFixed(1)
        .padStart(7)} ms  ${Math.max(...warm.map(r => r.calls))} calls`,
      versions === 500
        ? `  goal  ≤ ${GOAL.calls} calls and < ${GOAL.coldMs} ms cold: ${
            met ? 'met' : 'NOT met'
          }`
        : `  goal  set for 500 versions only`,
    ].join('\n'),
  );
  return met;
}

async function main() {
  const versions = Number(process.env.VERSIONS ?? 500);
  const rounds = Number(process.env.ROUNDS ?? 5);
  const servers: Server[] = [];

  const fake = new MlflowFake();
  seedMlflow(fake);
  for (let i = 0; i < versions - 6; i++) {
    fake.addVersion('fraud-detector', {
      metrics: {
        auc: 0.85 + (i % 100) / 1000,
        precision_at_1pct_fpr: 0.6,
        p95_latency_ms: 30 + (i % 20),
        f1: 0.78,
      },
      createdAt: Date.now() - (versions - i) * 3_600_000,
    });
  }
  const [mlflowServer, mlflowBase] = await listen(
    express().use('/mlflow', mlflowRouter(fake)),
  );
  servers.push(mlflowServer);
  const mlflowClients = MlflowClients.fromConfig(
    new ConfigReader({
      mlops: {
        mlflow: {
          instances: [{ name: 'default', baseUrl: `${mlflowBase}/mlflow` }],
        },
      },
    }),
  );

  // The Kubeflow Model Registry: the demo's churn-predictor (3 versions) and more versions whose metrics are numeric
  // custom properties, doubles and int32s as the registry types them.
  const modelRegistry = new ModelRegistryFake(SANDBOX_MODEL_REGISTRY_TOKEN);
  seedModelRegistry(modelRegistry);
  for (let i = 0; i < versions - 3; i++) {
    modelRegistry.addVersion('churn-predictor', {
      name: String(i + 4),
      author: 'kfp-churn-training',
      createdAt: Date.now() - (versions - i) * 3_600_000,
      customProperties: {
        auc: {
          metadataType: 'MetadataDoubleValue',
          double_value: 0.85 + (i % 100) / 1000,
        },
        f1: { metadataType: 'MetadataDoubleValue', double_value: 0.78 },
        p95_latency_ms: 30 + (i % 20),
        training_rows: 1_300_000 + i,
        framework: 'lightgbm',
      },
      uri: `s3://finwise-models/churn-predictor/${i + 4}/`,
      modelFormatName: 'lightgbm',
    });
  }
  const [modelRegistryServer, modelRegistryBase] = await listen(
    express().use('/model-registry', modelRegistryRouter(modelRegistry)),
  );
  servers.push(modelRegistryServer);
  const modelRegistryClients = KubeflowModelRegistryClients.fromConfig(
    new ConfigReader({
      mlops: {
        kubeflowModelRegistry: {
          instances: [
            {
              name: 'default',
              baseUrl: `${modelRegistryBase}/model-registry`,
              token: SANDBOX_MODEL_REGISTRY_TOKEN,
            },
          ],
        },
      },
    }),
  );

  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const store = new PromotionStore(
    await applyMigrations({ getClient: async () => knex } as any),
  );

  const results = [
    await benchRegistry(
      {
        label: 'MLflow',
        registry: cache => new MlflowModelRegistry(mlflowClients, cache),
        spec: { provider: 'mlflow', modelName: 'fraud-detector' },
        calls: () => fake.requestCount,
      },
      store,
      rounds,
      versions,
    ),
    await benchRegistry(
      {
        label: 'Kubeflow Model Registry',
        // It keeps no cache between views: every view reads the registry.
        registry: () => new KubeflowModelRegistry(modelRegistryClients),
        spec: {
          provider: 'kubeflow-model-registry',
          modelName: 'churn-predictor',
        },
        calls: () => modelRegistry.requestCount,
      },
      store,
      rounds,
      versions,
    ),
  ];

  for (const server of servers) {
    server.close();
  }
  await knex.destroy();
  if (results.includes(false)) {
    process.exitCode = 1;
  }
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
