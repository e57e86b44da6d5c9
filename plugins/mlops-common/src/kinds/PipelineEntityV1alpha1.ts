import { Entity, entityKindSchemaValidator } from '@backstage/catalog-model';
import schema from '../schema/Pipeline.v1alpha1.schema.json';
import { MLOPS_API_VERSION } from './apiVersion';

/**
 * A Kubeflow pipeline in the catalog.
 *
 * @public
 */
export interface PipelineEntityV1alpha1 extends Entity {
  /** Always `mlops.backstage.io/v1alpha1`. */
  apiVersion: typeof MLOPS_API_VERSION;
  /** Always `Pipeline`. */
  kind: 'Pipeline';
  /** The Pipeline's spec, as its JSON Schema defines it. */
  spec: {
    type: string;
    lifecycle: string;
    owner: string;
    system?: string;
    kubeflow: {
      instance?: string;
      pipelineId?: string;
      pipelineName?: string;
      experiment?: string;
    };
    schedule?: string;
    produces?: string[];
  };
}

/**
 * The JSON Schema of `PipelineEntityV1alpha1`.
 *
 * @public
 */
export const pipelineEntityV1alpha1Schema = schema;

/**
 * Returns the entity typed as a Pipeline, `false` for other kinds; throws naming the field when malformed.
 *
 * @public
 */
export const pipelineEntityV1alpha1Validator =
  entityKindSchemaValidator<PipelineEntityV1alpha1>(schema);

/**
 * Type guard for Pipeline entities (by kind and apiVersion; it does not validate the spec).
 *
 * @public
 */
export function isPipelineEntity(
  entity: Entity,
): entity is PipelineEntityV1alpha1 {
  return entity.apiVersion === MLOPS_API_VERSION && entity.kind === 'Pipeline';
}
