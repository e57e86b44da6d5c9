/**
 * The API group of the MLOps kinds, and the one version of it this release understands.
 *
 * @public
 */
export const MLOPS_API_GROUP = 'mlops.backstage.io';

/**
 * The `apiVersion` of every MLOps kind: `mlops.backstage.io/v1alpha1`.
 *
 * @public
 */
export const MLOPS_API_VERSION = 'mlops.backstage.io/v1alpha1';

/**
 * The kinds this suite adds to the catalog.
 *
 * @public
 */
export const MLOPS_KINDS = ['Model', 'Pipeline', 'FeatureView'] as const;

/**
 * One of the kinds this suite adds to the catalog: `Model`, `Pipeline` or `FeatureView`.
 *
 * @public
 */
export type MlopsKind = (typeof MLOPS_KINDS)[number];
