import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  KubernetesClusters,
  mlopsServingPlatformsExtensionPoint,
} from '@mlops-portal/plugin-mlops-node';
import { seldonV2Platform } from './seldonV2Platform';

/**
 * Adds Seldon Core v2 to the `mlops` plugin as serving platform `seldon-v2`, on the clusters configured for the
 * Kubernetes plugin (`kubernetes.clusterLocatorMethods`).
 *
 * @public
 */
export const mlopsModuleSeldonV2 = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'seldon-v2',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        platforms: mlopsServingPlatformsExtensionPoint,
      },
      async init({ config, platforms }) {
        platforms.addServingPlatform(
          seldonV2Platform(KubernetesClusters.fromConfig(config)),
        );
      },
    });
  },
});
