import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ModelRegistry,
  mlopsModelRegistriesExtensionPoint,
} from '@mlops-portal/plugin-mlops-node';
import { mlopsModuleKubeflowModelRegistry } from './module';

describe('mlopsModuleKubeflowModelRegistry', () => {
  it('adds the kubeflow-model-registry provider with the configured instances', async () => {
    const added: ModelRegistry[] = [];
    // Stands in for the mlops plugin: it offers the extension point and keeps what modules add.
    const mlops = createBackendPlugin({
      pluginId: 'mlops',
      register(reg) {
        reg.registerExtensionPoint(mlopsModelRegistriesExtensionPoint, {
          addModelRegistry: (...registries) => added.push(...registries),
        });
        reg.registerInit({ deps: {}, async init() {} });
      },
    });
    await startTestBackend({
      features: [
        mlops,
        mlopsModuleKubeflowModelRegistry,
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              kubeflowModelRegistry: {
                instances: [
                  { name: 'prod', baseUrl: 'http://mr.test', token: 't' },
                  { name: 'dev', baseUrl: 'http://mr-dev.test' },
                ],
              },
            },
          },
        }),
      ],
    });
    expect(added.map(r => [r.provider, r.title])).toEqual([
      ['kubeflow-model-registry', 'Kubeflow Model Registry'],
    ]);
    expect(added[0].instanceNames()).toEqual(['prod', 'dev']);
    expect(added[0].instance().instanceName).toBe('prod');
    expect(added[0].instance('dev').instanceName).toBe('dev');
    expect(() => added[0].instance('nope')).toThrow(
      /No Kubeflow Model Registry instance named 'nope' is configured \(mlops.kubeflowModelRegistry.instances\)/,
    );
  });
});
