import { Config } from '@backstage/config';
import { NamedInstances } from '../NamedInstances';
import { FeastClient } from './FeastClient';

/** The Feast registries configured under `mlops.feast.instances`, by name. */
export class FeastClients extends NamedInstances<FeastClient> {
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

  private constructor(readonly all: FeastClient[]) {
    super(all, 'Feast registry', 'mlops.feast.instances');
  }
}
