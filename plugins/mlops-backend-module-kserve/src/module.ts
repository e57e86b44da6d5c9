import { createServingPlatformModule } from '@mlops-portal/plugin-mlops-node';
import { kservePlatform } from './kservePlatform';

/**
 * Adds KServe to the `mlops` plugin as serving platform `kserve`, on the clusters configured for the Kubernetes
 * plugin (`kubernetes.clusterLocatorMethods`).
 *
 * @public
 */
export const mlopsModuleKServe = createServingPlatformModule({
  moduleId: 'kserve',
  platform: clusters => kservePlatform(clusters),
});
