import { Config } from '@backstage/config';
import { NamedInstances } from '@mlops-portal/plugin-mlops-node';
import { KubeflowModelRegistryClient } from './KubeflowModelRegistryClient';

/**
 * The Kubeflow Model Registry instances configured under `mlops.kubeflowModelRegistry.instances`, by name. The
 * only place Model Registry URLs come from.
 *
 * @public
 */
export class KubeflowModelRegistryClients extends NamedInstances<KubeflowModelRegistryClient> {
  /** A client for each instance under `mlops.kubeflowModelRegistry.instances`, in config order. */
  static fromConfig(config: Config): KubeflowModelRegistryClients {
    const instances =
      config.getOptionalConfigArray('mlops.kubeflowModelRegistry.instances') ??
      [];
    return new KubeflowModelRegistryClients(
      instances.map(
        instance =>
          new KubeflowModelRegistryClient({
            name: instance.getString('name'),
            baseUrl: instance.getString('baseUrl'),
            token: instance.getOptionalString('token'),
            timeoutMs: instance.getOptionalNumber('timeoutMs'),
            maxAttempts: instance.getOptionalNumber('maxAttempts'),
          }),
      ),
    );
  }

  private constructor(clients: KubeflowModelRegistryClient[]) {
    super(
      clients,
      'Kubeflow Model Registry',
      'mlops.kubeflowModelRegistry.instances',
    );
  }
}
