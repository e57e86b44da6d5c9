/*
 * DEMO STAND-IN: the Kubeflow Model Registry REST API's wire format (api/openapi/model-registry.yaml of
 * kubeflow/model-registry, v1alpha3) as the stand-in checks and writes it: ids and int64 times as strings,
 * typed custom property values, `{items, nextPageToken, pageSize, size}` lists and `{code, message}` errors.
 */

export type WireValue = Record<string, unknown> & { metadataType: string };
export type WireProperties = Record<string, WireValue>;

/** A stored resource: exactly the JSON the API answers with. */
export type StoredResource = {
  id: string;
  name: string;
  description?: string;
  externalId?: string;
  customProperties: WireProperties;
  createTimeSinceEpoch: string;
  lastUpdateTimeSinceEpoch: string;
  [field: string]: unknown;
};

export type ModelRegistryFakeResponse = { status: number; body: unknown };

export class ModelRegistryWireError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The registry's error body: a `code` (the real server leaves it empty) and a message. */
export const errorBody = (message: string) => ({ code: '', message });

const ID = /^[1-9][0-9]{0,8}$/;
const INT32 = /^-?([1-9][0-9]{0,8}|0)$/;

/** The fields each metadataType carries besides `metadataType`, with a check of each field's value. */
const VALUE_FIELDS: Record<string, Record<string, (v: unknown) => boolean>> = {
  MetadataStringValue: { string_value: v => typeof v === 'string' },
  MetadataIntValue: { int_value: v => typeof v === 'string' && INT32.test(v) },
  MetadataDoubleValue: { double_value: v => typeof v === 'number' },
  MetadataBoolValue: { bool_value: v => typeof v === 'boolean' },
  MetadataStructValue: { struct_value: v => typeof v === 'string' },
  MetadataProtoValue: {
    type: v => typeof v === 'string',
    proto_value: v => typeof v === 'string',
  },
};

/** A path id as the spec allows it (`^[1-9][0-9]{0,8}$`); anything else is a 400. */
export function checkId(id: string, what: string): string {
  if (!ID.test(id)) {
    throw new ModelRegistryWireError(400, `invalid ${what} id '${id}'`);
  }
  return id;
}

/** Checks a `customProperties` map: every value one of the six `MetadataValue`s, with exactly its fields. */
export function checkCustomProperties(value: unknown): WireProperties {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelRegistryWireError(400, 'customProperties must be an object');
  }
  for (const [key, property] of Object.entries(value)) {
    const type = (property as WireValue)?.metadataType;
    const fields = VALUE_FIELDS[type];
    if (!fields) {
      throw new ModelRegistryWireError(
        400,
        `customProperties.${key}: unknown metadataType '${type}'`,
      );
    }
    for (const [field, ok] of Object.entries(fields)) {
      if (!ok((property as WireValue)[field])) {
        throw new ModelRegistryWireError(
          400,
          `customProperties.${key}: invalid ${field} for ${type}`,
        );
      }
    }
    for (const field of Object.keys(property as WireValue)) {
      if (field !== 'metadataType' && !(field in fields)) {
        throw new ModelRegistryWireError(
          400,
          `customProperties.${key}: json: unknown field "${field}"`,
        );
      }
    }
  }
  return value as WireProperties;
}

/** Parses a JSON body, refusing fields the schema does not have (the server decodes with unknown fields disallowed). */
export function parseBody(
  body: string | undefined,
  allowed: readonly string[],
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    throw new ModelRegistryWireError(400, 'the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ModelRegistryWireError(400, 'the body must be a JSON object');
  }
  for (const field of Object.keys(parsed)) {
    if (!allowed.includes(field)) {
      throw new ModelRegistryWireError(400, `json: unknown field "${field}"`);
    }
  }
  return parsed as Record<string, unknown>;
}

const ORDER_FIELDS: Record<string, keyof StoredResource> = {
  ID: 'id',
  CREATE_TIME: 'createTimeSinceEpoch',
  LAST_UPDATE_TIME: 'lastUpdateTimeSinceEpoch',
};

/**
 * One page of `items` as a list call answers it: `pageSize` (default 20), `orderBy` (ID, CREATE_TIME,
 * LAST_UPDATE_TIME; default ID), `sortOrder` (ASC, DESC; default ASC) and an opaque `nextPageToken`, empty on
 * the last page.
 */
export function listPage(
  items: StoredResource[],
  query: URLSearchParams,
): ModelRegistryFakeResponse {
  const pageSizeText = query.get('pageSize') ?? '20';
  if (!ID.test(pageSizeText)) {
    throw new ModelRegistryWireError(400, `invalid pageSize '${pageSizeText}'`);
  }
  const pageSize = Number(pageSizeText);
  const orderBy = query.get('orderBy') ?? 'ID';
  const field = ORDER_FIELDS[orderBy];
  if (!field) {
    throw new ModelRegistryWireError(400, `invalid orderBy '${orderBy}'`);
  }
  const sortOrder = query.get('sortOrder') ?? 'ASC';
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC') {
    throw new ModelRegistryWireError(400, `invalid sortOrder '${sortOrder}'`);
  }
  const sorted = [...items].sort((a, b) => {
    const byField =
      Number(a[field]) - Number(b[field]) || Number(a.id) - Number(b.id);
    return sortOrder === 'ASC' ? byField : -byField;
  });
  let start = 0;
  const token = query.get('nextPageToken');
  if (token) {
    const decoded = Buffer.from(token, 'base64url').toString();
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) {
      throw new ModelRegistryWireError(400, 'invalid nextPageToken');
    }
    start = Number(match[1]);
  }
  const page = sorted.slice(start, start + pageSize);
  const next = start + pageSize;
  return {
    status: 200,
    body: {
      items: page,
      nextPageToken:
        next < sorted.length
          ? Buffer.from(`offset:${next}`).toString('base64url')
          : '',
      pageSize,
      size: page.length,
    },
  };
}
