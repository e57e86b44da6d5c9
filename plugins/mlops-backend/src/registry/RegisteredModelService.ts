import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsRegisteredModelCreatePermission } from '@mlops-portal/plugin-mlops-common';
import { MlflowApiError } from '../shared/mlflow/MlflowApiError';
import { MlflowClients } from '../shared/mlflow/MlflowClients';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';

export type CreateRegisteredModelRequest = {
  /** The MLflow instance (`mlops.mlflow.instances[].name`); the first when absent. */
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
 * Creates the MLflow registered model of a new service, as the user (permission
 * `mlops.registry.model.create`), tagged with who created it and who owns it. A name MLflow already holds is a
 * 409 (never reused silently: it may be another team's model); a dry run checks the name and creates nothing.
 */
export class RegisteredModelService {
  constructor(
    private readonly deps: {
      mlflow: MlflowClients;
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
    const client = this.deps.mlflow.get(request.instance);
    const taken = new ConflictError(
      `MLflow instance '${client.instanceName}' already has a registered model named '${request.name}'`,
    );
    try {
      if (request.dryRun) {
        const exists = await client
          .getRegisteredModel(request.name)
          .then(() => true)
          .catch(error => {
            if (error instanceof MlflowApiError && error.isNotFound) {
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
      if (
        error instanceof MlflowApiError &&
        error.errorCode === 'RESOURCE_ALREADY_EXISTS'
      ) {
        throw taken;
      }
      throw upstreamErrorToServiceError(error);
    }
  }
}
