import { BackendPluginRegistrationPoints } from '@backstage/backend-plugin-api';
import {
  mlopsModelRegistriesExtensionPoint,
  mlopsServingPlatformsExtensionPoint,
  ModelRegistry,
  ServingPlatform,
} from '@mlops-portal/plugin-mlops-node';
import { ModelRegistries } from './ModelRegistries';
import { ServingPlatforms } from './ServingPlatforms';

/**
 * Registers the plugin's extension points and collects what modules add to them; read the result in `init`,
 * after every module has registered.
 */
export function collectExtensions(env: BackendPluginRegistrationPoints) {
  const platforms: ServingPlatform[] = [];
  const registries: ModelRegistry[] = [];
  env.registerExtensionPoint(mlopsServingPlatformsExtensionPoint, {
    addServingPlatform: (...added) => platforms.push(...added),
  });
  env.registerExtensionPoint(mlopsModelRegistriesExtensionPoint, {
    addModelRegistry: (...added) => registries.push(...added),
  });
  return () => ({
    platforms: new ServingPlatforms(platforms),
    registries: new ModelRegistries(registries),
  });
}
