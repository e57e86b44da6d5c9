/**
 * A request to an upstream that got no answer (refused, reset, DNS, timed out); its message says why.
 *
 * @public
 */
export class UpstreamUnreachable extends Error {
  /** The error name, `UpstreamUnreachable`. */
  readonly name = 'UpstreamUnreachable';
}

/**
 * `fetch` with a timeout for the upstream clients. A request that never got an answer (refused, reset, DNS,
 * timed out) rejects with {@link UpstreamUnreachable}, whose message says why in words a person can act on;
 * each client turns it into its own error type, with no HTTP status.
 *
 * @public
 */
export async function fetchUpstream(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error as Error;
    throw new UpstreamUnreachable(
      cause.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : cause.message,
    );
  }
}
