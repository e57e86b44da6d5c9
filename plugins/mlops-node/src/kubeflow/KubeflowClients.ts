import { Config } from '@backstage/config';
import { NamedInstances } from '../NamedInstances';
import { KubeflowClient } from './KubeflowClient';

/**
 * The Kubeflow Pipelines instances configured under `mlops.kubeflow.instances`, by name.
 *
 * @public
 */
export class KubeflowClients extends NamedInstances<KubeflowClient> {
  /** A client for each instance under `mlops.kubeflow.instances`, in config order. */
  static fromConfig(config: Config): KubeflowClients {
    return new KubeflowClients(
      (config.getOptionalConfigArray('mlops.kubeflow.instances') ?? []).map(
        instance =>
          new KubeflowClient({
            name: instance.getString('name'),
            baseUrl: instance.getString('baseUrl'),
            bearerToken: instance.getOptionalString('bearerToken'),
            namespace: instance.getOptionalString('namespace'),
            timeoutMs: instance.getOptionalNumber('timeoutMs'),
          }),
      ),
    );
  }

  private constructor(clients: KubeflowClient[]) {
    super(clients, 'Kubeflow Pipelines', 'mlops.kubeflow.instances');
  }
}
