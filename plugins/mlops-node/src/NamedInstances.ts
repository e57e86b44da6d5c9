import { ServiceUnavailableError } from '@backstage/errors';

/**
 * The configured instances of one upstream (MLflow, Prometheus, …), found by the name an entity gives; with no
 * name, the first configured one. A name the config does not define is the portal's setup missing, not an
 * unknown entity: a 503 naming the configuration key.
 *
 * @public
 */
export class NamedInstances<T extends { instanceName: string }> {
  constructor(
    private readonly instances: T[],
    private readonly upstream: string,
    private readonly configKey: string,
  ) {}

  /** The configured instances' names, in config order. */
  names(): string[] {
    return this.instances.map(i => i.instanceName);
  }

  /** The instance named `name`, or the first configured one without a name; a 503 naming the config key when there is none. */
  get(name?: string): T {
    const instance = name
      ? this.instances.find(i => i.instanceName === name)
      : this.instances[0];
    if (!instance) {
      throw new ServiceUnavailableError(
        name
          ? `No ${this.upstream} instance named '${name}' is configured (${this.configKey})`
          : `No ${this.upstream} instance is configured (${this.configKey})`,
      );
    }
    return instance;
  }
}
