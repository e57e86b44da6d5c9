import { Config } from '@backstage/config';
import { NamedInstances } from '../NamedInstances';
import { FeastClient } from './FeastClient';

/**
 * The Feast registries configured under `mlops.feast.instances`, by name.
 *
 * @public
 */
export class FeastClients extends NamedInstances<FeastClient> {
  /** A client for each instance under `mlops.feast.instances`, in config order. */
  static fromConfig(config: Config): FeastClients {
    return new FeastClients(
      (config.getOptionalConfigArray('mlops.feast.instances') ?? []).map(
        instance =>
          new FeastClient({
            name: instance.getString('name'),
            baseUrl: instance.getString('baseUrl'),
            bearerToken: instance.getOptionalString('bearerToken'),
            projects: instance.getOptionalStringArray('projects'),
            timeoutMs: instance.getOptionalNumber('timeoutMs'),
          }),
      ),
    );
  }

  private constructor(
    /** Every configured Feast registry, in config order. */
    readonly all: FeastClient[],
  ) {
    super(all, 'Feast registry', 'mlops.feast.instances');
  }
}
