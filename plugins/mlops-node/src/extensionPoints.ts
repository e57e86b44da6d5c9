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
  addServingPlatform(...platforms: ServingPlatform[]): void;
}

/** @public */
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
  addModelRegistry(...registries: ModelRegistry[]): void;
}

/** @public */
export const mlopsModelRegistriesExtensionPoint =
  createExtensionPoint<MlopsModelRegistriesExtensionPoint>({
    id: 'mlops.model-registries',
  });
