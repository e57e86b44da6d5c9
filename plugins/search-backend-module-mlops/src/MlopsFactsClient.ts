import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  HealthStatus,
  RegistryView,
  registryViewSchema,
} from '@mlops-portal/plugin-mlops-common';

const HEALTH_STATUSES: HealthStatus[] = [
  'ok',
  'warning',
  'critical',
  'unknown',
];

/**
 * Reads a Model's registry view and health from the mlops backend's own HTTP API (`GET …/registry`,
 * `GET …/health`), as the search plugin's service principal. Both routes accept service principals and read the
 * Model from the catalog with the caller's credentials.
 *
 * @public
 */
export class MlopsFactsClient {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      /** Per-request timeout; health reads Prometheus and the serving platform, so it may take seconds. */
      timeoutMs?: number;
    },
  ) {}

  /** The Model's registry view: versions, aliases (champion, challenger) and their metrics. */
  async getRegistry(entity: CompoundEntityRef): Promise<RegistryView> {
    return registryViewSchema.parse(await this.get(entity, 'registry'));
  }

  /** The Model's health status, as its Monitoring tab shows it. */
  async getHealthStatus(entity: CompoundEntityRef): Promise<HealthStatus> {
    const body = (await this.get(entity, 'health')) as { status?: unknown };
    const status = body?.status as HealthStatus;
    if (!HEALTH_STATUSES.includes(status)) {
      throw new TypeError(
        `The mlops health answer has no known status (got ${JSON.stringify(
          body?.status,
        )})`,
      );
    }
    return status;
  }

  private async get(entity: CompoundEntityRef, what: 'registry' | 'health') {
    const { auth, discovery } = this.deps;
    const baseUrl = await discovery.getBaseUrl('mlops');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'mlops',
    });
    const path = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    const response = await fetch(`${baseUrl}/v1/entities/${path}/${what}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.deps.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
