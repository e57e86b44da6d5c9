import { createServingPlatformModule } from '@mlops-portal/plugin-mlops-node';
import { seldonV1Platform } from './seldonV1Platform';

/**
 * Adds Seldon Core v1 to the `mlops` plugin as serving platform `seldon`, on the clusters configured for the Kubernetes
 * plugin (`kubernetes.clusterLocatorMethods`).
 *
 * @public
 */
export const mlopsModuleSeldon = createServingPlatformModule({
  moduleId: 'seldon',
  platform: clusters => seldonV1Platform(clusters),
});
