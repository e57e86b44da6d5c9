import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsRegisteredModelCreatePermission } from '@mlops-portal/plugin-mlops-common';
import { UpstreamApiError } from '@mlops-portal/plugin-mlops-node';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { ModelRegistries } from '../shared/ModelRegistries';

export type CreateRegisteredModelRequest = {
  /** The registry (`spec.registry.provider` of the Models that will use it); the first installed when absent. */
  provider?: string;
  /** The registry instance (e.g. `mlops.mlflow.instances[].name`); the first when absent. */
  instance?: string;
  name: string;
  description?: string;
  /** The owning group or user, recorded as the tag `backstage.io/owner`. */
  owner?: string;
  dryRun?: boolean;
};

export type CreateRegisteredModelResult = {
  instance: string;
  name: string;
  /** `created`, or `would-create` for a dry run. */
  outcome: 'created' | 'would-create';
};

/**
 * Creates the registered model of a new service in a registry, as the user (permission
 * `mlops.registry.model.create`), tagged with who created it and who owns it. A name the registry already holds is a
 * 409 (never reused silently: it may be another team's model); a dry run checks the name and creates nothing.
 */
export class RegisteredModelService {
  constructor(
    private readonly deps: {
      registries: ModelRegistries;
      permissions: PermissionsService;
    },
  ) {}

  async create(
    request: CreateRegisteredModelRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<CreateRegisteredModelResult> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: mlopsRegisteredModelCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${mlopsRegisteredModelCreatePermission.name}`,
      );
    }
    const registry = this.deps.registries.registry(
      request.provider ?? this.deps.registries.defaultProvider(),
    );
    const client = registry.instance(request.instance);
    const taken = new ConflictError(
      `${registry.title} instance '${client.instanceName}' already has a registered model named '${request.name}'`,
    );
    try {
      if (request.dryRun) {
        const exists = await client
          .getRegisteredModel(request.name)
          .then(() => true)
          .catch(error => {
            if (error instanceof UpstreamApiError && error.isNotFound) {
              return false;
            }
            throw error;
          });
        if (exists) {
          throw taken;
        }
        return {
          instance: client.instanceName,
          name: request.name,
          outcome: 'would-create',
        };
      }
      await client.createRegisteredModel(request.name, {
        description: request.description,
        tags: {
          'backstage.io/created-by': credentials.principal.userEntityRef,
          ...(request.owner ? { 'backstage.io/owner': request.owner } : {}),
        },
      });
      return {
        instance: client.instanceName,
        name: request.name,
        outcome: 'created',
      };
    } catch (error) {
      throw upstreamErrorToServiceError(error);
    }
  }
}
