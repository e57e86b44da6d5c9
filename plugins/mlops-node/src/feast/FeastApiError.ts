import { UpstreamApiError } from '../UpstreamApiError';

/**
 * A Feast registry call that did not succeed: FastAPI's `detail` (a string, or the list of validation errors of
 * a 422) when the registry sent one, otherwise the HTTP status (a proxy in front may answer with HTML), or no
 * status when the registry could not be reached.
 *
 * @public
 */
export class FeastApiError extends UpstreamApiError {
  /** The error name, `FeastApiError`. */
  readonly name = 'FeastApiError';

  constructor(
    instance: string,
    operation: string,
    status: number | undefined,
    /** The registry's own message (FastAPI's `detail`), or empty when it sent none. */
    readonly feastMessage: string,
  ) {
    super(
      instance,
      operation,
      status,
      `Feast registry '${instance}' ${operation} failed: ${
        status === undefined ? 'unreachable' : `HTTP ${status}`
      }${feastMessage ? ` - ${feastMessage}` : ''}`,
    );
  }

  /** The registry answered 404. */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}
