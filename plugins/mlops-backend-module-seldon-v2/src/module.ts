import { createServingPlatformModule } from '@mlops-portal/plugin-mlops-node';
import { seldonV2Platform } from './seldonV2Platform';

/**
 * Adds Seldon Core v2 to the `mlops` plugin as serving platform `seldon-v2`, on the clusters configured for the Kubernetes
 * plugin (`kubernetes.clusterLocatorMethods`).
 *
 * @public
 */
export const mlopsModuleSeldonV2 = createServingPlatformModule({
  moduleId: 'seldon-v2',
  platform: clusters => seldonV2Platform(clusters),
});
