import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  KubernetesClusters,
  mlopsServingPlatformsExtensionPoint,
} from '@mlops-portal/plugin-mlops-node';
import { kservePlatform } from './kservePlatform';

/**
 * Adds KServe to the `mlops` plugin as serving platform `kserve`, on the clusters configured for the Kubernetes
 * plugin (`kubernetes.clusterLocatorMethods`).
 *
 * @public
 */
export const mlopsModuleKServe = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'kserve',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        platforms: mlopsServingPlatformsExtensionPoint,
      },
      async init({ config, platforms }) {
        platforms.addServingPlatform(
          kservePlatform(KubernetesClusters.fromConfig(config)),
        );
      },
    });
  },
});
