import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  mlopsServingPlatformsExtensionPoint,
  ServingPlatform,
} from '@mlops-portal/plugin-mlops-node';
import { startKubernetesStandIn } from '@mlops-portal/sandbox';
import { mlopsModuleSeldonV2 } from './module';

/*
 * The module in a backend: an `mlops` plugin standing in for the real one offers the serving platforms extension
 * point and records what modules add, as the real plugin does.
 */
describe('mlopsModuleSeldonV2', () => {
  it('adds Seldon Core v2 to the mlops plugin, on the configured clusters', async () => {
    const standIn = await startKubernetesStandIn();
    const added: ServingPlatform[] = [];
    const mlops = createBackendPlugin({
      pluginId: 'mlops',
      register(env) {
        env.registerExtensionPoint(mlopsServingPlatformsExtensionPoint, {
          addServingPlatform: (...platforms) => added.push(...platforms),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    try {
      const backend = await startTestBackend({
        features: [
          mlops,
          mlopsModuleSeldonV2,
          mockServices.rootConfig.factory({
            data: { kubernetes: standIn.kubernetesConfig },
          }),
        ],
      });
      expect(added.map(p => [p.name, p.title, p.capabilities])).toEqual([
        ['seldon-v2', 'Seldon Core v2', { shadow: true, smokeRequests: false }],
      ]);
      const [platform] = added;
      expect(platform.defaultAnalysis.map(m => m.name)).toEqual([
        'error-rate',
        'mean-latency',
      ]);
      // Its router reaches the cluster the config names.
      standIn.fake.add('mlops.seldon.io', 'models', {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Model',
        metadata: { name: 'iris', namespace: 'seldon-mesh' },
        spec: {
          storageUri: 'gs://seldon-models/iris',
          requirements: ['sklearn'],
        },
      });
      const target = {
        cluster: 'sandbox',
        namespace: 'seldon-mesh',
        name: 'iris',
      };
      expect(await platform.router.readSplit(target)).toEqual({
        stable: { version: undefined, weight: 100 },
      });
      expect(await platform.metricPredictors?.(target)).toEqual({
        stable: 'iris',
      });
      await backend.stop();
    } finally {
      await standIn.close();
    }
  });
});
