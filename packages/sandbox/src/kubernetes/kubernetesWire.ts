/*
 * The Kubernetes API's wire shapes as the stand-in speaks them: objects, requests and responses, the `Status`
 * error body, and the kinds it knows by plural.
 */

export type KubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }>;
    resourceVersion?: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
  };
  [field: string]: unknown;
};

export type KubernetesFakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: string;
};

/** A request through the API server's service proxy, as the service behind it receives it. */
export type ServiceProxyRequest = {
  namespace: string;
  service: string;
  port?: string;
  /** The path on the service, from `/`. */
  path: string;
  method: string;
  body?: string;
};

export type KubernetesFakeResponse = {
  status: number;
  body: unknown;
  /** `Warning` headers (RFC 7234 style, code 299) the API server would send. */
  warnings?: string[];
};

export const kindsByPlural: Record<string, string> = {
  pods: 'Pod',
  services: 'Service',
  configmaps: 'ConfigMap',
  limitranges: 'LimitRange',
  resourcequotas: 'ResourceQuota',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  jobs: 'Job',
  cronjobs: 'CronJob',
  ingresses: 'Ingress',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  secrets: 'Secret',
  persistentvolumes: 'PersistentVolume',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  seldondeployments: 'SeldonDeployment',
  inferenceservices: 'InferenceService',
  experiments: 'Experiment',
  models: 'Model',
};

export function status(
  code: number,
  reason: string,
  message: string,
): KubernetesFakeResponse {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    },
  };
}
