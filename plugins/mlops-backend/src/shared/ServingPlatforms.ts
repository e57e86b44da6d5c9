import { InputError } from '@backstage/errors';
import { ServingPlatform } from '@mlops-portal/plugin-mlops-node';

/**
 * The serving platforms modules added through `mlopsServingPlatformsExtensionPoint`, by the name a Model gives in
 * `spec.serving.platform`. The plugin itself knows none.
 */
export class ServingPlatforms {
  private readonly byName = new Map<string, ServingPlatform>();

  constructor(platforms: ServingPlatform[]) {
    for (const platform of platforms) {
      if (this.byName.has(platform.name)) {
        throw new Error(
          `Two modules add a serving platform named '${platform.name}'`,
        );
      }
      this.byName.set(platform.name, platform);
    }
  }

  /** The platform named `name`; a 400 naming the installed ones when no module added it. */
  get(name: string): ServingPlatform {
    const platform = this.byName.get(name);
    if (!platform) {
      throw new InputError(
        `No serving platform '${name}' is installed (installed: ${
          [...this.byName.keys()].join(', ') || 'none'
        }); add its backend module, e.g. @mlops-portal/plugin-mlops-backend-module-${name}`,
      );
    }
    return platform;
  }

  find(name?: string): ServingPlatform | undefined {
    return name ? this.byName.get(name) : undefined;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
