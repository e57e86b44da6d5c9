import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ModelRegistry } from './registry/ModelRegistry';
import { ServingPlatform } from './serving/ServingPlatform';

/**
 * Where backend modules add serving platforms to the `mlops` plugin. A Model names its platform in
 * `spec.serving.platform`; a name no module added is refused with a clear error.
 *
 * @public
 */
export interface MlopsServingPlatformsExtensionPoint {
  /** Adds serving platforms, each answering for the `spec.serving.platform` value that is its `name`. */
  addServingPlatform(...platforms: ServingPlatform[]): void;
}

/**
 * The extension point through which backend modules add serving platforms to the `mlops` plugin.
 *
 * @public
 */
export const mlopsServingPlatformsExtensionPoint =
  createExtensionPoint<MlopsServingPlatformsExtensionPoint>({
    id: 'mlops.serving-platforms',
  });

/**
 * Where backend modules add model registries to the `mlops` plugin. A Model names its registry in
 * `spec.registry.provider`.
 *
 * @public
 */
export interface MlopsModelRegistriesExtensionPoint {
  /** Adds model registries, each answering for the `spec.registry.provider` value that is its `provider`. */
  addModelRegistry(...registries: ModelRegistry[]): void;
}

/**
 * The extension point through which backend modules add model registries to the `mlops` plugin.
 *
 * @public
 */
export const mlopsModelRegistriesExtensionPoint =
  createExtensionPoint<MlopsModelRegistriesExtensionPoint>({
    id: 'mlops.model-registries',
  });
