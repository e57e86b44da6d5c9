import { backendResponseError } from '../api/backendResponseError';

/** The backend's error body for `status`, through the client's error path. */
export const backendError = (
  status: number,
  statusText: string,
  name: string,
  message: string,
) =>
  backendResponseError(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
    ),
  );
