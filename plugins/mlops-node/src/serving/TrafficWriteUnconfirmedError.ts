import { ServiceUnavailableError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

/**
 * A write to a serving object that the cluster's API server never confirmed: no answer came (unreachable, reset,
 * timed out) or it answered 5xx. The write may have landed or not, so it is not a failure: the rollout engine
 * reads the live object back to learn which (see `confirmTrafficWrite` in the backend plugin). A route answers
 * it as 503.
 *
 * @public
 */
export class TrafficWriteUnconfirmedError extends ServiceUnavailableError {}

/** No HTTP answer at all: node-fetch's network failures, and the abort of the clusters' request timeout. */
const TRANSPORT_ERRORS = ['FetchError', 'AbortError', 'TimeoutError'];

/**
 * What a failed write of `what` means: a {@link TrafficWriteUnconfirmedError} when the API server gave no
 * answer, or a 5xx; the error itself when it answered (409, 422, 403, …: the write was refused) or when the
 * portal refused it before sending.
 *
 * @public
 */
export function unconfirmedWriteError(error: unknown, what: string): unknown {
  const unanswered =
    error instanceof ApiException
      ? error.code >= 500
      : error instanceof Error && TRANSPORT_ERRORS.includes(error.name);
  if (!unanswered) {
    return error;
  }
  return new TrafficWriteUnconfirmedError(
    `The cluster did not confirm the write of ${what} (${describe(
      error,
    )}); it may or may not have landed`,
  );
}

function describe(error: unknown): string {
  if (error instanceof ApiException) {
    return `it answered ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}
