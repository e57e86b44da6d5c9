/*
 * Benchmark, not a test: how long the Registry tab's data takes to assemble, and how big it is, for a model with
 * many versions. MLflow is the sandbox's fake served over real HTTP on loopback; the history store is SQLite.
 *
 *   yarn bench            (from the repository root)
 *   VERSIONS=2000 yarn bench
 */
import { ConfigReader } from '@backstage/config';
import { MlflowFake, mlflowRouter, seedMlflow } from '@mlops-portal/sandbox';
import { modelEntityV1alpha1Schema } from '@mlops-portal/plugin-mlops-common';
import express from 'express';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { applyMigrations } from '../src/shared/database/applyMigrations';
import { PromotionStore } from '../src/registry/PromotionStore';
import { ModelEntities } from '../src/shared/ModelEntities';
import { ModelRegistryService } from '../src/registry/ModelRegistryService';
import { ModelRegistries } from '../src/shared/ModelRegistries';
import { memoryCache } from '../src/__testUtils__/memoryCache';

async function main() {
  const versions = Number(process.env.VERSIONS ?? 500);
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
  const app = express().use('/mlflow', mlflowRouter(fake));
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/mlflow`;

  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const store = new PromotionStore(
    await applyMigrations({ getClient: async () => knex } as any),
  );
  const model = modelEntityV1alpha1Schema.examples[0] as any;
  const catalog = { getEntityByRef: async () => model } as any;
  const service = new ModelRegistryService({
    models: new ModelEntities(catalog),
    registries: new ModelRegistries([
      new MlflowModelRegistry(
        MlflowClients.fromConfig(
          new ConfigReader({
            mlops: { mlflow: { instances: [{ name: 'default', baseUrl }] } },
          }),
        ),
        memoryCache(),
      ),
    ]),
    store,
  });
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  } as any;

  const timed = async (label: string) => {
    const requestsBefore = fake.requestCount;
    const started = process.hrtime.bigint();
    const view = await service.getRegistryView(
      'model:default/fraud-detector',
      credentials,
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const json = JSON.stringify(view);
    // eslint-disable-next-line no-console
    console.log(
      `${label.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  ${
        view.versions.length
      } versions  ` +
        `${(json.length / 1024).toFixed(1)} KiB JSON (${(
          gzipSync(json).length / 1024
        ).toFixed(1)} KiB gzip)  ` +
        `${fake.requestCount - requestsBefore} MLflow calls`,
    );
  };
  await timed('cold (runs fetched)');
  await timed('warm (finished runs cached)');
  await timed('warm again');
  server.close();
  await knex.destroy();
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
