/**
 * Relation types the MLOps kinds add to the catalog. Each comes with its inverse; the catalog module emits both
 * directions so either side's page can show the link. Ownership, system membership and serving reuse
 * Backstage's built-in `ownedBy`/`ownerOf`, `partOf`/`hasPart` and `dependsOn`/`dependencyOf`.
 */

/**
 * From a Model to the Pipeline that trains it (`spec.trainedBy` of a Model, `spec.produces` of a Pipeline).
 *
 * @public
 */
export const RELATION_TRAINED_BY = 'trainedBy';

/**
 * From a Pipeline to a Model it trains; the inverse of {@link RELATION_TRAINED_BY}.
 *
 * @public
 */
export const RELATION_TRAINS = 'trains';

/**
 * From a Model to a FeatureView it reads (`spec.featureViews`).
 *
 * @public
 */
export const RELATION_CONSUMES_FEATURES = 'consumesFeatures';

/**
 * From a FeatureView to a Model that reads it; the inverse of {@link RELATION_CONSUMES_FEATURES}.
 *
 * @public
 */
export const RELATION_FEATURES_CONSUMED_BY = 'featuresConsumedBy';
