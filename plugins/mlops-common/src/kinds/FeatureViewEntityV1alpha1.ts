import { Entity, entityKindSchemaValidator } from '@backstage/catalog-model';
import schema from '../schema/FeatureView.v1alpha1.schema.json';
import { MLOPS_API_VERSION } from './apiVersion';

/**
 * A feature of a feature view, with its Feast value type.
 *
 * @public
 */
export type FeatureDefinition = {
  name: string;
  type: string;
  description?: string;
};

/**
 * A Feast feature view in the catalog.
 *
 * @public
 */
export interface FeatureViewEntityV1alpha1 extends Entity {
  /** Always `mlops.backstage.io/v1alpha1`. */
  apiVersion: typeof MLOPS_API_VERSION;
  /** Always `FeatureView`. */
  kind: 'FeatureView';
  /** The FeatureView's spec, as its JSON Schema defines it. */
  spec: {
    lifecycle: string;
    owner: string;
    system?: string;
    entities: string[];
    features: FeatureDefinition[];
    source?: { type: 'batch' | 'stream' | 'request' | 'push'; name: string };
    /** ISO 8601 duration, e.g. `P1D`. */
    ttl?: string;
    online?: boolean;
    offline?: boolean;
    feast: { instance?: string; project: string; name?: string };
  };
}

/**
 * The JSON Schema of `FeatureViewEntityV1alpha1`.
 *
 * @public
 */
export const featureViewEntityV1alpha1Schema = schema;

/**
 * Returns the entity typed as a FeatureView, `false` for other kinds; throws naming the field when malformed.
 *
 * @public
 */
export const featureViewEntityV1alpha1Validator =
  entityKindSchemaValidator<FeatureViewEntityV1alpha1>(schema);

/**
 * Type guard for FeatureView entities (by kind and apiVersion; it does not validate the spec).
 *
 * @public
 */
export function isFeatureViewEntity(
  entity: Entity,
): entity is FeatureViewEntityV1alpha1 {
  return (
    entity.apiVersion === MLOPS_API_VERSION && entity.kind === 'FeatureView'
  );
}
