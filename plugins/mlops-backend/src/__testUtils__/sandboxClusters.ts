import { ConfigReader } from '@backstage/config';
import { sandboxClusterConfig } from '@mlops-portal/sandbox';
import { KubernetesClusters } from '@mlops-portal/plugin-mlops-node';

export { sandboxClusterConfig };

export function sandboxClusters(url: string): KubernetesClusters {
  return KubernetesClusters.fromConfig(
    new ConfigReader({ kubernetes: sandboxClusterConfig(url) }),
  );
}
