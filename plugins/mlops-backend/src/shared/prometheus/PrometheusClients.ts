import { Config } from '@backstage/config';
import { NamedInstances } from '@mlops-portal/plugin-mlops-node';
import { PrometheusClient } from './PrometheusClient';

/** The Prometheus instances configured under `mlops.prometheus.instances`, by name. */
export class PrometheusClients extends NamedInstances<PrometheusClient> {
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

  private constructor(clients: PrometheusClient[]) {
    super(clients, 'Prometheus', 'mlops.prometheus.instances');
  }
}
