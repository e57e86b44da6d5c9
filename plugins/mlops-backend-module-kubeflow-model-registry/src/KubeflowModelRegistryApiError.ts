import { UpstreamApiError } from '@mlops-portal/plugin-mlops-node';

/**
 * A Kubeflow Model Registry call that did not succeed: the server's `Error` body (`{code, message}`) when it sent
 * one, otherwise the HTTP status (an ingress, kube-rbac-proxy or OAuth proxy in front of it may answer with
 * HTML), or no status at all when the registry could not be reached.
 *
 * @public
 */
export class KubeflowModelRegistryApiError extends UpstreamApiError {
  /** The error name, `KubeflowModelRegistryApiError`. */
  readonly name = 'KubeflowModelRegistryApiError';

  constructor(
    instance: string,
    operation: string,
    status: number | undefined,
    /** The `code` of the registry's error body, when it sent one. */
    readonly errorCode: string | undefined,
    /** The registry's own `message`, or empty when it sent none. */
    readonly registryMessage: string,
  ) {
    super(
      instance,
      operation,
      status,
      `Kubeflow Model Registry instance '${instance}' ${operation} failed: ${
        status === undefined ? 'unreachable' : `HTTP ${status}`
      }${registryMessage ? ` - ${registryMessage}` : ''}`,
    );
  }

  /** The registry answered 404: the named model, version or artifact is not there. */
  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** Worth another attempt: the registry is overloaded, failing, or could not be reached. */
  get isRetryable(): boolean {
    return (
      this.status === undefined || this.status === 429 || this.status >= 500
    );
  }
}
