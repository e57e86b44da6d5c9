/*
 * The JSON of the mlops backend's feature view route (`/api/mlops/v1/entities/featureview/:namespace/:name/feast`).
 */

/**
 * A feature of a feature view as Feast's registry holds it: its name, value type and description.
 *
 * @public
 */
export type FeatureViewField = {
  name: string;
  type: string;
  description?: string;
};

/** A FeatureView as Feast's registry holds it now, with the freshness of its online store. @public */
export type FeatureViewStatus = {
  feastInstance: string;
  project: string;
  name: string;
  /** `featureView`, `streamFeatureView` or `onDemandFeatureView`. */
  type: string;
  description?: string;
  owner?: string;
  tags: Record<string, string>;
  entities: string[];
  /** The join keys with their value types. */
  entityColumns: FeatureViewField[];
  features: FeatureViewField[];
  source?: { type: 'batch' | 'stream' | 'request' | 'push'; name: string };
  /** ISO 8601, e.g. `PT6H`; absent when values never expire. */
  ttl?: string;
  ttlSeconds?: number;
  online: boolean;
  offline: boolean;
  createdAt?: string;
  updatedAt?: string;
  /** The end of the latest materialization interval. */
  lastMaterializedAt?: string;
  /** Seconds since then. */
  ageSeconds?: number;
  /** Online with a TTL, and the last materialization is older than the TTL (or never happened). */
  stale: boolean;
  /** The latest materialization intervals, newest first (at most 10). */
  materializations: Array<{ start?: string; end?: string }>;
  /** Where the catalog entity and Feast disagree (features, types, TTL, entities), in words. */
  catalogDifferences: string[];
};
