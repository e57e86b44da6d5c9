import { ConfigReader } from '@backstage/config';
import { SANDBOX_KUBERNETES_TOKEN } from '@mlops-portal/sandbox';
import { KubernetesClusters } from '../shared/kubernetes/KubernetesClusters';

/** The Kubernetes config of a cluster named `sandbox` at `url` (the sandbox's Kubernetes stand-in). */
export function sandboxClusterConfig(url: string) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        // Plain HTTP: @kubernetes/client-node allows it only with skipTLSVerify.
        clusters: [
          {
            name: 'sandbox',
            url,
            serviceAccountToken: SANDBOX_KUBERNETES_TOKEN,
            skipTLSVerify: true,
          },
        ],
      },
    ],
  };
}

export function sandboxClusters(url: string): KubernetesClusters {
  return KubernetesClusters.fromConfig(
    new ConfigReader({ kubernetes: sandboxClusterConfig(url) }),
  );
}
