import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { PrometheusClient } from './PrometheusClient';

/** The Prometheus instances configured under `mlops.prometheus.instances`, by name. */
export class PrometheusClients {
  static fromConfig(config: Config): PrometheusClients {
    return new PrometheusClients(
      (config.getOptionalConfigArray('mlops.prometheus.instances') ?? []).map(
        instance =>
          new PrometheusClient({
            name: instance.getString('name'),
            baseUrl: instance.getString('baseUrl'),
            bearerToken: instance.getOptionalString('bearerToken'),
            timeoutMs: instance.getOptionalNumber('timeoutMs'),
          }),
      ),
    );
  }

  constructor(private readonly clients: PrometheusClient[]) {}

  /** The named instance, or the first configured one. */
  get(name?: string): PrometheusClient {
    const client = name
      ? this.clients.find(c => c.instanceName === name)
      : this.clients[0];
    if (!client) {
      throw new NotFoundError(
        name
          ? `No Prometheus instance named '${name}' is configured (mlops.prometheus.instances)`
          : 'No Prometheus instance is configured (mlops.prometheus.instances)',
      );
    }
    return client;
  }
}
