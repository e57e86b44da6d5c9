import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  createConfiguration,
  CustomObjectsApi,
  KubeConfig,
  RequestContext,
  ServerConfiguration,
} from '@kubernetes/client-node';
import {
  postThroughServiceProxy,
  ServiceAnswer,
  ServiceRequest,
} from './serviceProxy';

/**
 * The clusters the Kubernetes plugin is configured with (`kubernetes.clusterLocatorMethods[type=config]`), as
 * `@kubernetes/client-node` clients. The portal reaches a Model's serving cluster by the name in
 * `spec.serving.cluster`; URLs and tokens come from config only. Every custom-object request is aborted after
 * `requestTimeoutMs` (10 s by default), so an API server that stops answering holds no rollout tick forever: a
 * read fails, and a write becomes a `TrafficWriteUnconfirmedError`.
 *
 * @public
 */
export class KubernetesClusters {
  /** The clusters of `kubernetes.clusterLocatorMethods` entries of type `config`, by name. */
  static fromConfig(
    config: Config,
    options: { requestTimeoutMs?: number } = {},
  ): KubernetesClusters {
    const clusters = new Map<string, KubeConfig>();
    for (const method of config.getOptionalConfigArray(
      'kubernetes.clusterLocatorMethods',
    ) ?? []) {
      if (method.getString('type') !== 'config') {
        continue;
      }
      for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
        const name = cluster.getString('name');
        const kubeConfig = new KubeConfig();
        kubeConfig.loadFromOptions({
          clusters: [
            {
              name,
              server: cluster.getString('url'),
              caData: cluster.getOptionalString('caData'),
              skipTLSVerify:
                cluster.getOptionalBoolean('skipTLSVerify') ?? false,
            },
          ],
          users: [
            {
              name: 'mlops-portal',
              token: cluster.getOptionalString('serviceAccountToken'),
            },
          ],
          contexts: [{ name, cluster: name, user: 'mlops-portal' }],
          currentContext: name,
        });
        clusters.set(name, kubeConfig);
      }
    }
    return new KubernetesClusters(clusters, options);
  }

  constructor(
    private readonly clusters: Map<string, KubeConfig>,
    private readonly options: { requestTimeoutMs?: number } = {},
  ) {}

  /** A custom-objects API client for the named cluster; a 503 when no cluster of that name is configured. */
  customObjects(cluster: string): CustomObjectsApi {
    const kubeConfig = this.kubeConfig(cluster);
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    return new CustomObjectsApi(
      createConfiguration({
        baseServer: new ServerConfiguration(
          kubeConfig.getCurrentCluster()!.server,
          {},
        ),
        authMethods: { default: kubeConfig },
        promiseMiddleware: [
          {
            pre: async (context: RequestContext) => {
              context.setSignal(AbortSignal.timeout(timeoutMs));
              return context;
            },
            post: async response => response,
          },
        ],
      }),
    );
  }

  /** POSTs JSON to a service of `cluster` through its API server's service proxy. */
  postToService(
    cluster: string,
    request: ServiceRequest,
  ): Promise<ServiceAnswer> {
    return postThroughServiceProxy(this.kubeConfig(cluster), request);
  }

  private kubeConfig(cluster: string): KubeConfig {
    const kubeConfig = this.clusters.get(cluster);
    if (!kubeConfig) {
      throw new ServiceUnavailableError(
        `No Kubernetes cluster named '${cluster}' is configured (kubernetes.clusterLocatorMethods)`,
      );
    }
    return kubeConfig;
  }
}
