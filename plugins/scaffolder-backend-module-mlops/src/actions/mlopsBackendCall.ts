import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

/**
 * What the actions need to reach the mlops backend as the template's user.
 *
 * @public
 */
export type MlopsBackendDeps = {
  discovery: DiscoveryService;
  auth: AuthService;
};

/**
 * Calls the mlops backend (`/api/mlops` + `path`) with an on-behalf-of token for `onBehalfOf`, so the user meets
 * the same permission checks, gates and audit as in the portal. Errors come back as the types a template author
 * expects, with the backend's message: 400 and 422 → InputError, 403 → NotAllowedError, 404 → NotFoundError,
 * 409 → ConflictError, anything else → Error naming the status.
 */
export async function callMlopsBackend<T>(
  deps: MlopsBackendDeps,
  onBehalfOf: BackstageCredentials,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown },
): Promise<T> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf,
    targetPluginId: 'mlops',
  });
  const baseUrl = await deps.discovery.getBaseUrl('mlops');
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: {
      ...(request.body === undefined
        ? {}
        : { 'Content-Type': 'application/json' }),
      Authorization: `Bearer ${token}`,
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  if (!response.ok) {
    throw await errorFromResponse(response);
  }
  return (await response.json()) as T;
}

/** `kind/namespace/name` of an entity ref, URL-encoded; a malformed ref is the template input's fault. */
export function entityPath(entityRef: string, defaultKind = 'model'): string {
  let ref;
  try {
    ref = parseEntityRef(entityRef, { defaultKind });
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
  return [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
}

async function errorFromResponse(response: Response): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  const message = `mlops backend: ${
    error.body?.error?.message ?? error.message
  }`;
  switch (response.status) {
    case 400:
    case 422:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new Error(`${message} (HTTP ${response.status})`);
  }
}
