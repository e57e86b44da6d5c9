import { ResponseError } from '@backstage/errors';

/**
 * The error of a failed call to the mlops backend, carrying the backend's own words.
 *
 * `ResponseError.fromResponse` always says "Request failed with 503 Service Unavailable"; the reason the backend
 * gave (which upstream, which claim, which gate) sits in `body.error.message`, where only an expanded error panel
 * shows it. This keeps the `ResponseError` (status, body and cause stay, so `ResponseErrorPanel` and
 * `ResponseError.is` work as before) and makes the backend's message its `message`, which every panel title and
 * dialog shows. A body that is not Backstage's JSON error (say, a proxy's HTML page) keeps the generic message.
 */
export async function backendResponseError(
  response: Response,
): Promise<ResponseError> {
  const isJson = Boolean(
    response.headers.get('content-type')?.startsWith('application/json'),
  );
  const error = await ResponseError.fromResponse(response);
  const message: unknown = error.body?.error?.message;
  if (isJson && typeof message === 'string' && message.trim()) {
    error.message = message;
  }
  return error;
}
