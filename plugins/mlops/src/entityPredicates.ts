import { Entity } from '@backstage/catalog-model';
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

/** @public */
export const isMlopsPipeline = (entity: Entity) => isPipelineEntity(entity);

/** @public */
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
