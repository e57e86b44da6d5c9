import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import catalogModuleMlopsEntityModel from '@mlops-portal/plugin-catalog-backend-module-mlops';
import {
  createSandboxApp,
  SANDBOX_MODEL_REGISTRY_TOKEN,
} from '@mlops-portal/sandbox';
import fs from 'fs';
import { Knex } from 'knex';
import { AddressInfo } from 'net';
import path from 'path';
import { parse } from 'yaml';

// Test code runs from source, so __dirname is this file's folder (the rule guards bundled backends).
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The demo's `catalog.providers` (app-config.yaml): which upstream objects become entities, with which owners. */
export const demoProviders = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
).catalog.providers;

/**
 * The demo's catalog: the examples plus a file of invalid entities, as the catalog would load them from
 * app-config, and the demo's entity providers reading the sandbox's MLflow, Kubeflow Model Registry, Kubeflow
 * Pipelines and Feast at `sandboxUrl`.
 */
export const catalogTestConfig = (sandboxUrl: string) => ({
  mlops: {
    mlflow: {
      instances: [{ name: 'default', baseUrl: `${sandboxUrl}/mlflow` }],
    },
    kubeflow: {
      instances: [{ name: 'default', baseUrl: `${sandboxUrl}/kfp` }],
    },
    feast: { instances: [{ name: 'default', baseUrl: `${sandboxUrl}/feast` }] },
    kubeflowModelRegistry: {
      instances: [
        {
          name: 'default',
          baseUrl: `${sandboxUrl}/model-registry`,
          token: SANDBOX_MODEL_REGISTRY_TOKEN,
        },
      ],
    },
  },
  catalog: {
    providers: demoProviders,
    rules: [
      {
        allow: [
          'Component',
          'System',
          'API',
          'Resource',
          'Location',
          'Group',
          'User',
          'Model',
          'Pipeline',
          'FeatureView',
        ],
      },
    ],
    locations: [
      'examples/org.yaml',
      'examples/fraud-detection.yaml',
      'examples/customer-growth.yaml',
      'test/fixtures/invalid-entities.yaml',
    ].map(file => ({ type: 'file', target: path.join(repoRoot, file) })),
  },
});

/**
 * Starts the sandbox over HTTP and the real catalog backend with the MLOps module (its providers ingesting from
 * the sandbox at startup) and the unprocessed-entities module that exposes processing errors, on the given
 * database. `stop` stops both.
 */
export async function startCatalogBackend(knex?: Knex) {
  const sandbox = createSandboxApp().listen(0, '127.0.0.1');
  await new Promise(resolve => sandbox.once('listening', resolve));
  const sandboxUrl = `http://127.0.0.1:${
    (sandbox.address() as AddressInfo).port
  }`;
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleUnprocessedEntities,
      catalogModuleMlopsEntityModel,
      mockServices.rootConfig.factory({ data: catalogTestConfig(sandboxUrl) }),
      // The providers' first refresh is 2 s after start; here, at start.
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      ...(knex ? [mockServices.database.factory({ knex })] : []),
    ],
  });
  return {
    server: backend.server,
    stop: async () => {
      await backend.stop();
      await new Promise(resolve => sandbox.close(resolve));
    },
  };
}

/** Polls until `check` stops throwing, so tests wait for the catalog's asynchronous processing. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}
