/*
 * Kubeflow Model Registry REST API shapes (`/api/model_registry/v1alpha3`, api/openapi/model-registry.yaml of
 * kubeflow/model-registry), as they arrive on the wire: camelCase, ids and int64 times (ms since epoch) as
 * strings, custom properties as a map of typed values, and any optional field may be absent.
 */

/**
 * `MetadataStringValue`.
 *
 * @public
 */
export type MetadataStringValue = {
  metadataType: 'MetadataStringValue';
  string_value: string;
};

/**
 * `MetadataIntValue`: an int32, sent as a decimal string.
 *
 * @public
 */
export type MetadataIntValue = {
  metadataType: 'MetadataIntValue';
  int_value: string;
};

/**
 * `MetadataDoubleValue`.
 *
 * @public
 */
export type MetadataDoubleValue = {
  metadataType: 'MetadataDoubleValue';
  double_value: number;
};

/**
 * `MetadataBoolValue`.
 *
 * @public
 */
export type MetadataBoolValue = {
  metadataType: 'MetadataBoolValue';
  bool_value: boolean;
};

/**
 * `MetadataStructValue`: a struct as base64-encoded bytes.
 *
 * @public
 */
export type MetadataStructValue = {
  metadataType: 'MetadataStructValue';
  struct_value: string;
};

/**
 * `MetadataProtoValue`: a protobuf message as base64-encoded bytes, with the URL of its type.
 *
 * @public
 */
export type MetadataProtoValue = {
  metadataType: 'MetadataProtoValue';
  type: string;
  proto_value: string;
};

/**
 * `MetadataValue`: one custom property's value, told apart by `metadataType`.
 *
 * @public
 */
export type MetadataValue =
  | MetadataStringValue
  | MetadataIntValue
  | MetadataDoubleValue
  | MetadataBoolValue
  | MetadataStructValue
  | MetadataProtoValue;

/**
 * `customProperties`: user-defined properties by key.
 *
 * @public
 */
export type CustomProperties = Record<string, MetadataValue>;

/**
 * The fields every resource has (`BaseResource`).
 *
 * @public
 */
export type ModelRegistryResource = {
  /** Server-generated, an int64 as a string. */
  id: string;
  name?: string;
  description?: string;
  externalId?: string;
  customProperties?: CustomProperties;
  /** Milliseconds since epoch, as a string. */
  createTimeSinceEpoch?: string;
  /** Milliseconds since epoch, as a string. */
  lastUpdateTimeSinceEpoch?: string;
};

/**
 * `RegisteredModel`.
 *
 * @public
 */
export type ModelRegistryRegisteredModel = ModelRegistryResource & {
  name: string;
  owner?: string;
  state?: 'LIVE' | 'ARCHIVED';
};

/**
 * `ModelVersion`: one version of a registered model.
 *
 * @public
 */
export type ModelRegistryModelVersion = ModelRegistryResource & {
  name: string;
  registeredModelId: string;
  author?: string;
  state?: 'LIVE' | 'ARCHIVED';
};

/**
 * `ModelArtifact`: where a version's model files are.
 *
 * @public
 */
export type ModelRegistryModelArtifact = ModelRegistryResource & {
  artifactType?: 'model-artifact';
  uri?: string;
  modelFormatName?: string;
  modelFormatVersion?: string;
  state?: string;
  experimentRunId?: string;
};

/**
 * `RegisteredModelCreate`.
 *
 * @public
 */
export type ModelRegistryRegisteredModelCreate = {
  name: string;
  description?: string;
  owner?: string;
  customProperties?: CustomProperties;
};

/**
 * `RegisteredModelUpdate`: the fields a PATCH changes; absent fields are left as they are.
 *
 * @public
 */
export type ModelRegistryRegisteredModelUpdate = {
  description?: string;
  owner?: string;
  state?: 'LIVE' | 'ARCHIVED';
  customProperties?: CustomProperties;
};

/**
 * One page of a list (`BaseResourceList` with `items`); an empty `nextPageToken` means the last page.
 *
 * @public
 */
export type ModelRegistryList<T> = {
  items: T[];
  nextPageToken: string;
  pageSize: number;
  size: number;
};
