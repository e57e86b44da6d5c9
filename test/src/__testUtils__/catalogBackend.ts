import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import catalogModuleMlopsEntityModel from '@mlops-portal/plugin-catalog-backend-module-mlops';
import { Knex } from 'knex';
import path from 'path';

// Test code runs from source, so __dirname is this file's folder (the rule guards bundled backends).
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The example organisation plus a file of invalid entities, as the catalog would load them from app-config. */
export const catalogTestConfig = {
  catalog: {
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
};

/**
 * Starts the real catalog backend with the MLOps module (and the unprocessed-entities module that exposes
 * processing errors) on the given database.
 */
export async function startCatalogBackend(knex?: Knex) {
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleUnprocessedEntities,
      catalogModuleMlopsEntityModel,
      mockServices.rootConfig.factory({ data: catalogTestConfig }),
      ...(knex ? [mockServices.database.factory({ knex })] : []),
    ],
  });
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
