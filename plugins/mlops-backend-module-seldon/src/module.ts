import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  KubernetesClusters,
  mlopsServingPlatformsExtensionPoint,
} from '@mlops-portal/plugin-mlops-node';
import { seldonV1Platform } from './seldonV1Platform';

/**
 * Adds Seldon Core v1 to the `mlops` plugin as serving platform `seldon`, on the clusters configured for the
 * Kubernetes plugin (`kubernetes.clusterLocatorMethods`).
 *
 * @public
 */
export const mlopsModuleSeldon = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'seldon',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        platforms: mlopsServingPlatformsExtensionPoint,
      },
      async init({ config, platforms }) {
        platforms.addServingPlatform(
          seldonV1Platform(KubernetesClusters.fromConfig(config)),
        );
      },
    });
  },
});
