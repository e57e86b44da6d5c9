import { UpstreamApiError } from '@mlops-portal/plugin-mlops-node';

/**
 * An MLflow call that did not succeed: MLflow's own `{error_code, message}` when it sent one, otherwise the HTTP
 * status (errors from a proxy or auth layer in front of MLflow are often not JSON), or no status at all when
 * MLflow could not be reached.
 *
 * @public
 */
export class MlflowApiError extends UpstreamApiError {
  /** The error name, `MlflowApiError`. */
  readonly name = 'MlflowApiError';

  constructor(
    instance: string,
    operation: string,
    status: number | undefined,
    /** MLflow's `error_code`, e.g. `RESOURCE_DOES_NOT_EXIST`, when it sent one. */
    readonly errorCode: string | undefined,
    /** MLflow's own `message`, or empty when it sent none. */
    readonly mlflowMessage: string,
  ) {
    super(
      instance,
      operation,
      status,
      `MLflow instance '${instance}' ${operation} failed: ${
        status === undefined ? 'unreachable' : `HTTP ${status}`
      }${errorCode ? ` ${errorCode}` : ''}${
        mlflowMessage ? ` - ${mlflowMessage}` : ''
      }`,
    );
  }

  /** The registry says the named model, version or alias is not there. */
  get isNotFound(): boolean {
    return this.errorCode === 'RESOURCE_DOES_NOT_EXIST' || this.status === 404;
  }

  /** Worth another attempt: MLflow is overloaded, failing, or could not be reached. */
  get isRetryable(): boolean {
    return (
      this.status === undefined || this.status === 429 || this.status >= 500
    );
  }
}
