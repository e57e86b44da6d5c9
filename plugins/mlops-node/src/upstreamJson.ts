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
 *
 * @public
 */
export async function upstreamJson<T>(options: {
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  bearerToken?: string;
  timeoutMs: number;
  fail: (failure: UpstreamFailure) => Error;
}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.bearerToken) {
    headers.Authorization = `Bearer ${options.bearerToken}`;
  }
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
