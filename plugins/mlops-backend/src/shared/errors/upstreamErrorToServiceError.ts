import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { UpstreamApiError } from '@mlops-portal/plugin-mlops-node';
import { BadGatewayError } from './BadGatewayError';

/**
 * Turns an upstream's failure (any {@link UpstreamApiError}: a registry, Kubeflow Pipelines, Feast) into the error the portal's API answers with, its message naming
 * the upstream: 404 when the upstream says the thing is not there, 503 when it is unreachable, overloaded or
 * temporarily down, 502 for anything else it answered. Other errors pass through unchanged.
 */
export function upstreamErrorToServiceError(
  error: unknown,
  notFoundMessage?: string,
): Error {
  if (!(error instanceof UpstreamApiError)) {
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
