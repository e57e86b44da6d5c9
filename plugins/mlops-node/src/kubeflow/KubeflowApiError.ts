import { UpstreamApiError } from '../UpstreamApiError';

/**
 * A Kubeflow Pipelines call that did not succeed: the API server's `google.rpc.Status` (`{code, message}`) when it
 * sent one, otherwise the HTTP status (an ingress or auth proxy in front may answer with HTML), or no status when
 * the API server could not be reached.
 */
export class KubeflowApiError extends UpstreamApiError {
  readonly name = 'KubeflowApiError';

  constructor(
    instance: string,
    operation: string,
    status: number | undefined,
    readonly grpcCode: number | undefined,
    readonly kfpMessage: string,
  ) {
    super(
      instance,
      operation,
      status,
      `Kubeflow Pipelines instance '${instance}' ${operation} failed: ${
        status === undefined ? 'unreachable' : `HTTP ${status}`
      }${kfpMessage ? ` - ${kfpMessage}` : ''}`,
    );
  }

  get isNotFound(): boolean {
    return this.status === 404 || this.grpcCode === 5;
  }
}
