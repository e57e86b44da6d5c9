import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  featureViewEntityV1alpha1Validator,
  isFeatureViewEntity,
  isModelEntity,
  isPipelineEntity,
  MLOPS_API_GROUP,
  MLOPS_API_VERSION,
  MLOPS_KINDS,
  modelEntityV1alpha1Validator,
  pipelineEntityV1alpha1Validator,
  RELATION_CONSUMES_FEATURES,
  RELATION_FEATURES_CONSUMED_BY,
  RELATION_TRAINED_BY,
  RELATION_TRAINS,
} from '@mlops-portal/plugin-mlops-common';

const validators = [
  modelEntityV1alpha1Validator,
  pipelineEntityV1alpha1Validator,
  featureViewEntityV1alpha1Validator,
];

/**
 * Validates Model, Pipeline and FeatureView entities against their JSON Schemas and emits their relations,
 * each together with its inverse.
 *
 * @public
 */
export class MlopsEntitiesProcessor implements CatalogProcessor {
  /** The processor's name in the catalog's processing logs: `MlopsEntitiesProcessor`. */
  getProcessorName(): string {
    return 'MlopsEntitiesProcessor';
  }

  /** True for a valid Model, Pipeline or FeatureView; an `InputError` naming the entity and the field when one is invalid, or when its apiVersion is one of ours this release does not know. */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    rejectUnknownVersionOfOurGroup(entity);
    for (const validator of validators) {
      try {
        if (validator(entity)) {
          return true;
        }
      } catch (error) {
        // The schema validator's message already names the field (e.g. "/spec must have required property
        // 'owner'"); prefix the entity so it reads well in the catalog's processing errors.
        throw new InputError(
          `Invalid ${entity.kind} "${entity.metadata?.name}": ${
            (error as Error).message
          }`,
        );
      }
    }
    return false;
  }

  /** Emits the entity's relations (owner, system, and a Model's training Pipeline, FeatureViews and serving Component), each with its inverse. */
  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const relate = (
      targetRef: string | undefined,
      defaultKind: string,
      forward: string,
      inverse: string,
    ) => {
      if (!targetRef) {
        return;
      }
      const target = parseEntityRef(targetRef, {
        defaultKind,
        defaultNamespace: self.namespace,
      });
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: inverse,
          target: self,
        }),
      );
    };
    const relateOwnerAndSystem = (spec: { owner: string; system?: string }) => {
      relate(spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
      relate(spec.system, 'System', RELATION_PART_OF, RELATION_HAS_PART);
    };

    if (isModelEntity(entity)) {
      relateOwnerAndSystem(entity.spec);
      relate(
        entity.spec.trainedBy,
        'Pipeline',
        RELATION_TRAINED_BY,
        RELATION_TRAINS,
      );
      for (const featureView of entity.spec.featureViews ?? []) {
        relate(
          featureView,
          'FeatureView',
          RELATION_CONSUMES_FEATURES,
          RELATION_FEATURES_CONSUMED_BY,
        );
      }
      relate(
        entity.spec.serving?.component,
        'Component',
        RELATION_DEPENDS_ON,
        RELATION_DEPENDENCY_OF,
      );
    } else if (isPipelineEntity(entity)) {
      relateOwnerAndSystem(entity.spec);
      for (const model of entity.spec.produces ?? []) {
        relate(model, 'Model', RELATION_TRAINS, RELATION_TRAINED_BY);
      }
    } else if (isFeatureViewEntity(entity)) {
      relateOwnerAndSystem(entity.spec);
    }
    return entity;
  }
}

/**
 * The schema validators treat a foreign apiVersion as "not my kind", which would leave the entity with a vague
 * "no processor recognized the entity" error. An apiVersion in our group that this release does not know gets
 * a precise error instead.
 */
function rejectUnknownVersionOfOurGroup(entity: Entity) {
  const [group] = (entity.apiVersion ?? '').split('/');
  if (
    group === MLOPS_API_GROUP &&
    entity.apiVersion !== MLOPS_API_VERSION &&
    (MLOPS_KINDS as readonly string[]).includes(entity.kind)
  ) {
    throw new InputError(
      `Invalid ${entity.kind} "${entity.metadata?.name}": /apiVersion "${entity.apiVersion}" is not supported; use "${MLOPS_API_VERSION}"`,
    );
  }
}
