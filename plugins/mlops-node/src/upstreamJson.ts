import { fetchUpstream } from './fetchUpstream';

/**
 * What went wrong with one upstream call, for the client to turn into its own error type.
 *
 * @public
 */
export type UpstreamFailure = {
  /** The HTTP status, or undefined when no answer came. */
  status?: number;
  statusText?: string;
  /** The answer's parsed JSON body, when it was JSON. */
  json?: any;
  /** Why no answer came, or that the answer was not JSON. */
  reason?: string;
};

/**
 * One JSON call to an upstream: bearer auth when given, a timeout, the answer parsed. A call that got no answer,
 * a non-2xx answer or a 2xx answer that is not JSON goes to `fail`, which returns the client's own error.
 * `headers` go over the defaults (`Accept: application/json`, the body's `Content-Type`, the bearer token), for an
 * upstream with its own media type or version header, or its own way of authenticating.
 *
 * @public
 */
export async function upstreamJson<T>(options: {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  bearerToken?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  fail: (failure: UpstreamFailure) => Error;
}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(options.body === undefined
      ? {}
      : { 'Content-Type': 'application/json' }),
    ...(options.bearerToken
      ? { Authorization: `Bearer ${options.bearerToken}` }
      : {}),
    ...options.headers,
  };
  let response: Response;
  try {
    response = await fetchUpstream(
      options.url,
      {
        method: options.method,
        headers,
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      },
      options.timeoutMs,
    );
  } catch (error) {
    throw options.fail({ reason: (error as Error).message });
  }
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    throw options.fail({
      status: response.status,
      statusText: response.statusText,
      json,
    });
  }
  if (json === undefined) {
    throw options.fail({
      status: response.status,
      reason: 'the answer was not JSON',
    });
  }
  return json as T;
}
