import {
  ConflictError,
  InputError,
  isError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';
import { BadGatewayError } from './BadGatewayError';

/**
 * A failed call to a cluster's API server as the portal answers it, naming what was asked for: 404 when the
 * object is not there, 503 when the cluster could not be reached, 502 for anything else it answered. Errors of
 * the portal's own (a claim conflict, a bad weight) pass through.
 */
export function kubernetesErrorToServiceError(
  error: unknown,
  what: string,
): Error {
  if (error instanceof ApiException) {
    if (error.code === 404) {
      return new NotFoundError(`${what} is not in the cluster`);
    }
    return new BadGatewayError(
      `The cluster's API server answered ${error.code} for ${what}`,
    );
  }
  if (
    error instanceof ConflictError ||
    error instanceof InputError ||
    error instanceof NotFoundError ||
    error instanceof ServiceUnavailableError
  ) {
    return error;
  }
  return new ServiceUnavailableError(
    `The cluster serving ${what} could not be reached: ${
      isError(error) ? error.message : String(error)
    }`,
  );
}
