import { NotFoundError } from '@backstage/errors';

/**
 * The configured instances of one upstream (MLflow, Prometheus, …), found by the name an entity gives; with no
 * name, the first configured one.
 */
export class NamedInstances<T extends { instanceName: string }> {
  constructor(
    private readonly instances: T[],
    private readonly upstream: string,
    private readonly configKey: string,
  ) {}

  get(name?: string): T {
    const instance = name
      ? this.instances.find(i => i.instanceName === name)
      : this.instances[0];
    if (!instance) {
      throw new NotFoundError(
        name
          ? `No ${this.upstream} instance named '${name}' is configured (${this.configKey})`
          : `No ${this.upstream} instance is configured (${this.configKey})`,
      );
    }
    return instance;
  }
}
