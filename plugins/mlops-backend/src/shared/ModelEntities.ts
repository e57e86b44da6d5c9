import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_PROTECTED_ALIASES,
  isModelEntity,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';

/** A Model entity together with the registry entry it declares. */
export type RegisteredModelEntity = {
  entity: ModelEntityV1alpha1;
  entityRef: string;
  /** `spec.registry.provider`, e.g. `mlflow`: which registry module answers for it. */
  provider: string;
  instance?: string;
  registeredModel: string;
  protectedAliases: string[];
};

/**
 * Reads Model entities from the catalog with the caller's credentials, so catalog read permissions apply.
 */
export class ModelEntities {
  constructor(private readonly catalog: CatalogService) {}

  async getModel(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelEntityV1alpha1> {
    try {
      parseEntityRef(entityRef);
    } catch (error) {
      throw new InputError(
        `'${entityRef}' is not an entity reference: ${
          (error as Error).message
        }`,
      );
    }
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (!isModelEntity(entity)) {
      throw new InputError(`${entityRef} is a ${entity.kind}, not a Model`);
    }
    return entity;
  }

  async getRegisteredModel(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RegisteredModelEntity> {
    const entity = await this.getModel(entityRef, credentials);
    const registry = entity.spec.registry;
    if (!registry) {
      throw new InputError(`${entityRef} declares no registry (spec.registry)`);
    }
    return {
      entity,
      entityRef,
      provider: registry.provider,
      instance: registry.instance,
      registeredModel: registry.modelName,
      protectedAliases: registry.protectedAliases ?? DEFAULT_PROTECTED_ALIASES,
    };
  }
}
