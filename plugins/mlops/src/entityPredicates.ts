import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
} from '@backstage/catalog-model';
import {
  isFeatureViewEntity,
  isModelEntity,
  isPipelineEntity,
} from '@mlops-portal/plugin-mlops-common';

/**
 * EntitySwitch predicates for the MLOps kinds (kind and apiVersion both checked).
 *
 * @public
 */
export const isMlopsModel = (entity: Entity) => isModelEntity(entity);

/**
 * EntitySwitch predicate for Pipeline entities (kind and apiVersion both checked).
 *
 * @public
 */
export const isMlopsPipeline = (entity: Entity) => isPipelineEntity(entity);

/**
 * EntitySwitch predicate for FeatureView entities (kind and apiVersion both checked).
 *
 * @public
 */
export const isMlopsFeatureView = (entity: Entity) =>
  isFeatureViewEntity(entity);

/**
 * True for any of the three MLOps kinds: the entities the lineage card can draw.
 *
 * @public
 */
export const isMlopsEntity = (entity: Entity) =>
  isModelEntity(entity) ||
  isPipelineEntity(entity) ||
  isFeatureViewEntity(entity);

/**
 * True for a Component some Model depends on: where a Model is served (its `spec.serving.component`). Its page
 * can show the lineage card of the models it serves.
 *
 * @public
 */
export const isMlServingComponent = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  (entity.relations ?? []).some(
    r =>
      r.type === RELATION_DEPENDENCY_OF &&
      parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === 'model',
  );
