import type { HealthStatus } from '../api/healthTypes';
import type { MlopsKind } from '../kinds/apiVersion';

/**
 * The search document type the MLOps collator indexes under (`@mlops-portal/plugin-search-backend-module-mlops`).
 *
 * @public
 */
export const MLOPS_SEARCH_TYPE = 'mlops';

/**
 * A Model, Pipeline or FeatureView as the search index holds it. Every field is present on every document
 * (empty when it does not apply), because a Lunr index only knows the fields of the first document it sees and
 * a filter on an unknown field finds nothing. Facts are plain strings, so no structured value is indexed as text.
 *
 * @public
 */
export type MlopsSearchDocument = {
  title: string;
  /** The description, then the facts in words, so full-text search finds them. */
  text: string;
  /** The entity page, e.g. `/catalog/default/model/fraud-detector`. */
  location: string;
  /** What the search backend authorizes `catalog.entity.read` on. */
  authorization: { resourceRef: string };
  kind: MlopsKind;
  entityRef: string;
  namespace: string;
  name: string;
  /** `spec.type` (Model, Pipeline), `''` for a FeatureView. */
  type: string;
  lifecycle: string;
  owner: string;
  system: string;
  /** `spec.framework` of a Model, `''` otherwise. */
  framework: string;
  /** The registry version the `champion` alias points at, `''` when none or unknown. */
  championVersion: string;
  /** The champion's key metrics, each `"<title> <value>"`, e.g. `"AUC 0.941"`. */
  championMetrics: string[];
  /** The registry version the `challenger` alias points at, `''` when none or unknown. */
  challengerVersion: string;
  challengerMetrics: string[];
  /** The Model's health status, `''` when it could not be read or does not apply. */
  health: HealthStatus | '';
  /** Entity refs of the feature views a Model consumes. */
  featureViews: string[];
  /** Titles of those feature views (their names when not in the catalog). */
  featureViewTitles: string[];
  /** Feature names: a FeatureView's own; a Model's, of the views it consumes. */
  features: string[];
  tags: string[];
};
