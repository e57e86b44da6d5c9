import { UpstreamApiError } from '../UpstreamApiError';

/**
 * A Kubeflow Pipelines call that did not succeed: the API server's `google.rpc.Status` (`{code, message}`) when it
 * sent one, otherwise the HTTP status (an ingress or auth proxy in front may answer with HTML), or no status when
 * the API server could not be reached.
 *
 * @public
 */
export class KubeflowApiError extends UpstreamApiError {
  /** The error name, `KubeflowApiError`. */
  readonly name = 'KubeflowApiError';

  constructor(
    instance: string,
    operation: string,
    status: number | undefined,
    /** The `google.rpc.Status` code the API server sent, if any (5 is NOT_FOUND). */
    readonly grpcCode: number | undefined,
    /** The API server's own message, or empty when it sent none. */
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

  /** The API server answered 404, or gRPC code 5 (NOT_FOUND). */
  get isNotFound(): boolean {
    return this.status === 404 || this.grpcCode === 5;
  }
}
