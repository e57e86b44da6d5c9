import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mlopsModelRegistriesExtensionPoint } from '@mlops-portal/plugin-mlops-node';
import { KubeflowModelRegistry } from './KubeflowModelRegistry';
import { KubeflowModelRegistryClients } from './KubeflowModelRegistryClients';

/**
 * Adds the Kubeflow Model Registry to the `mlops` plugin as registry provider `kubeflow-model-registry`, with the
 * instances configured under `mlops.kubeflowModelRegistry.instances`.
 *
 * @public
 */
export const mlopsModuleKubeflowModelRegistry = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'kubeflow-model-registry',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        registries: mlopsModelRegistriesExtensionPoint,
      },
      async init({ config, registries }) {
        registries.addModelRegistry(
          new KubeflowModelRegistry(
            KubeflowModelRegistryClients.fromConfig(config),
          ),
        );
      },
    });
  },
});
