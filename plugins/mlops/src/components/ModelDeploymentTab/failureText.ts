import { ResponseError } from '@backstage/errors';

/**
 * What a failed backend call says to a person: the backend's own message (e.g. a 409's "claimed by rollout … of
 * portal …") rather than "Request failed with 409 Conflict".
 */
export function failureText(error: unknown): string {
  if (error instanceof ResponseError && error.body?.error?.message) {
    return error.body.error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
