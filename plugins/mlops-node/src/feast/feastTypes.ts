/*
 * The JSON of Feast's REST registry server (`feast serve_registry --rest-api`, `/api/v1`, api-contracts §5.5):
 * protobuf `MessageToDict` output, so keys are camelCase and zero, false and empty values are left out
 * (an absent `online` means false, an absent `ttl` means none).
 */

/**
 * A feature of a feature view (`FeatureSpecV2`).
 *
 * @public
 */
export type FeastFeature = {
  name: string;
  /** A `ValueType` enum name: `INT64`, `DOUBLE`, `STRING`, `BOOL`, `UNIX_TIMESTAMP`, `FLOAT_LIST`, … */
  valueType?: string;
  description?: string;
  tags?: Record<string, string>;
};

/**
 * A data source as the registry prints it: its `type` is the `SourceType` enum name.
 *
 * @public
 */
export type FeastDataSource = {
  name?: string;
  /** `BATCH_FILE`, `BATCH_BIGQUERY`, `STREAM_KAFKA`, `PUSH_SOURCE`, `REQUEST_SOURCE`, … */
  type?: string;
  timestampField?: string;
  description?: string;
  [key: string]: unknown;
};

/**
 * `FeatureViewSpec` (and the common part of the stream and on-demand specs).
 *
 * @public
 */
export type FeastFeatureViewSpec = {
  name: string;
  project?: string;
  entities?: string[];
  features?: FeastFeature[];
  entityColumns?: FeastFeature[];
  description?: string;
  tags?: Record<string, string>;
  owner?: string;
  /** A protobuf Duration in JSON, e.g. `"86400s"`; absent or `"0s"` when the view never expires. */
  ttl?: string;
  batchSource?: FeastDataSource;
  streamSource?: FeastDataSource;
  /** On-demand views: their sources by name. */
  sources?: Record<string, unknown>;
  online?: boolean;
  offline?: boolean;
};

/**
 * `FeatureViewMeta`: RFC 3339 timestamps.
 *
 * @public
 */
export type FeastFeatureViewMeta = {
  createdTimestamp?: string;
  lastUpdatedTimestamp?: string;
  materializationIntervals?: Array<{ startTime?: string; endTime?: string }>;
};

/**
 * One entry of `featureViews`: which kind of view it is, and the view.
 *
 * @public
 */
export type FeastFeatureView = {
  type: 'featureView' | 'onDemandFeatureView' | 'streamFeatureView' | string;
  spec: FeastFeatureViewSpec;
  meta?: FeastFeatureViewMeta;
};

/**
 * `PaginationMetadata` (camelCase; absent keys are 0/false).
 *
 * @public
 */
export type FeastPagination = {
  page?: number;
  limit?: number;
  totalCount?: number;
  totalPages?: number;
  hasNext?: boolean;
  hasPrevious?: boolean;
};

/**
 * A Feast project (`GET /projects`).
 *
 * @public
 */
export type FeastProject = {
  spec: { name: string; description?: string; owner?: string };
  meta?: { createdTimestamp?: string; lastUpdatedTimestamp?: string };
};
