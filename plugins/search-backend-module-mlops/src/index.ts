/**
 * Backstage search collator for the MLOps Portal's Models, Pipelines and FeatureViews.
 *
 * @packageDocumentation
 */
export {};
