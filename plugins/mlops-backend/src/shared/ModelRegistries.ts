import { InputError } from '@backstage/errors';
import {
  ModelRegistry,
  ModelRegistryClient,
} from '@mlops-portal/plugin-mlops-node';

/** What a Model names of its registry: `spec.registry.provider` and `instance`. */
export type RegistryRef = { provider: string; instance?: string };

/**
 * The model registries modules added through `mlopsModelRegistriesExtensionPoint`, by the provider a Model names
 * in `spec.registry.provider`. The plugin itself knows none.
 */
export class ModelRegistries {
  private readonly byProvider = new Map<string, ModelRegistry>();

  constructor(registries: ModelRegistry[]) {
    for (const registry of registries) {
      if (this.byProvider.has(registry.provider)) {
        throw new Error(
          `Two modules add a model registry for provider '${registry.provider}'`,
        );
      }
      this.byProvider.set(registry.provider, registry);
    }
  }

  /** The registry of `provider`; a 400 naming the installed ones when no module added it. */
  registry(provider: string): ModelRegistry {
    const registry = this.byProvider.get(provider);
    if (!registry) {
      throw new InputError(
        `No model registry '${provider}' is installed (installed: ${
          [...this.byProvider.keys()].join(', ') || 'none'
        }); add its backend module, e.g. @mlops-portal/plugin-mlops-backend-module-${provider}`,
      );
    }
    return registry;
  }

  /** The provider a request that names none means: the first registry a module added. */
  defaultProvider(): string {
    const [first] = this.byProvider.keys();
    if (!first) {
      throw new InputError(
        'No model registry is installed; add a registry module, e.g. @mlops-portal/plugin-mlops-backend-module-mlflow',
      );
    }
    return first;
  }

  /** The configured instance a Model names (a 404 when it is not configured). */
  client(ref: RegistryRef): ModelRegistryClient {
    return this.registry(ref.provider).instance(ref.instance);
  }
}
