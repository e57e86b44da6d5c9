import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { mlopsServingPlatformsExtensionPoint } from '../extensionPoints';
import { KubernetesClusters } from '../kubernetes/KubernetesClusters';
import { ServingPlatform } from './ServingPlatform';

/**
 * A backend module of the `mlops` plugin that adds one serving platform, built on the clusters configured for the
 * Kubernetes plugin (`kubernetes.clusterLocatorMethods`). Most platform modules are this and their router.
 *
 * @public
 */
export function createServingPlatformModule(options: {
  /** The module's id, e.g. `seldon`. */
  moduleId: string;
  platform: (clusters: KubernetesClusters, config: Config) => ServingPlatform;
}) {
  return createBackendModule({
    pluginId: 'mlops',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          config: coreServices.rootConfig,
          platforms: mlopsServingPlatformsExtensionPoint,
        },
        async init({ config, platforms }) {
          platforms.addServingPlatform(
            options.platform(KubernetesClusters.fromConfig(config), config),
          );
        },
      });
    },
  });
}
