import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mlopsModelRegistriesExtensionPoint } from '@mlops-portal/plugin-mlops-node';
import { MlflowClients } from './MlflowClients';
import { MlflowModelRegistry } from './MlflowModelRegistry';

/**
 * Adds MLflow to the `mlops` plugin as registry provider `mlflow`, with the tracking servers configured under
 * `mlops.mlflow.instances`.
 *
 * @public
 */
export const mlopsModuleMlflow = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'mlflow',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        cache: coreServices.cache,
        registries: mlopsModelRegistriesExtensionPoint,
      },
      async init({ config, cache, registries }) {
        registries.addModelRegistry(
          new MlflowModelRegistry(MlflowClients.fromConfig(config), cache),
        );
      },
    });
  },
});
