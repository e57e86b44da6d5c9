import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { MlflowApiError } from '../clients/mlflow/MlflowApiError';
import { BadGatewayError } from './BadGatewayError';

/**
 * Turns an MLflow failure into the error the portal's API answers with: 404 when MLflow says the thing is not
 * there, 503 when MLflow is unreachable, overloaded or temporarily down, 502 for anything else it answered.
 * Other errors pass through unchanged.
 */
export function mlflowErrorToServiceError(
  error: unknown,
  notFoundMessage?: string,
): Error {
  if (!(error instanceof MlflowApiError)) {
    return error as Error;
  }
  if (error.isNotFound && notFoundMessage) {
    return new NotFoundError(notFoundMessage);
  }
  if (
    error.status === undefined ||
    error.status === 429 ||
    error.status === 503
  ) {
    return new ServiceUnavailableError(error.message);
  }
  return new BadGatewayError(error.message);
}
