/**
 * A Feast registry call that did not succeed: FastAPI's `detail` (a string, or the list of validation errors of
 * a 422) when the registry sent one, otherwise the HTTP status (a proxy in front may answer with HTML), or no
 * status when the registry could not be reached.
 */
export class FeastApiError extends Error {
  readonly name = 'FeastApiError';

  constructor(
    readonly instance: string,
    readonly operation: string,
    readonly status: number | undefined,
    readonly feastMessage: string,
  ) {
    super(
      `Feast registry '${instance}' ${operation} failed: ${
        status === undefined ? 'unreachable' : `HTTP ${status}`
      }${feastMessage ? ` - ${feastMessage}` : ''}`,
    );
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}
