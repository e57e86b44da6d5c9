import { CustomProperties, MetadataStringValue } from './modelRegistryTypes';

/**
 * The key prefix of the registered-model custom properties that hold the portal's aliases: alias `champion` is
 * the property `mlops.alias.champion`, a `MetadataStringValue` whose `string_value` is the id of the
 * `ModelVersion` it points at.
 *
 * @public
 */
export const ALIAS_PROPERTY_PREFIX = 'mlops.alias.';

/** The custom property key that holds `alias`. */
export function aliasPropertyKey(alias: string): string {
  return `${ALIAS_PROPERTY_PREFIX}${alias}`;
}

/** A `MetadataStringValue` holding `value`. */
export function stringProperty(value: string): MetadataStringValue {
  return { metadataType: 'MetadataStringValue', string_value: value };
}

/**
 * The aliases kept in a registered model's custom properties (alias → version id). A version id written as a
 * `MetadataIntValue` is read too; a property of another type, or whose value is not an id, is no alias.
 */
export function aliasesFromProperties(
  properties: CustomProperties = {},
): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (!key.startsWith(ALIAS_PROPERTY_PREFIX)) continue;
    const alias = key.slice(ALIAS_PROPERTY_PREFIX.length);
    let id: string | undefined;
    if (value.metadataType === 'MetadataStringValue') {
      id = value.string_value.trim();
    } else if (value.metadataType === 'MetadataIntValue') {
      id = value.int_value;
    }
    if (alias && id && /^[1-9][0-9]*$/.test(id)) {
      aliases[alias] = id;
    }
  }
  return aliases;
}

/**
 * The string-valued custom properties (`MetadataStringValue`) as the portal's tags, leaving out the alias
 * properties. Numbers are metrics, not tags; booleans, structs and protos are not shown.
 */
export function tagsFromProperties(
  properties: CustomProperties = {},
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (
      value.metadataType === 'MetadataStringValue' &&
      !key.startsWith(ALIAS_PROPERTY_PREFIX)
    ) {
      tags[key] = value.string_value;
    }
  }
  return tags;
}

/**
 * The numeric custom properties as metrics: `MetadataDoubleValue` as it is, `MetadataIntValue` (an int32 sent
 * as a string) parsed. Anything else, or an int that does not parse, is no metric.
 */
export function metricsFromProperties(
  properties: CustomProperties = {},
): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(properties)) {
    let n: number | undefined;
    if (value.metadataType === 'MetadataDoubleValue') {
      n = value.double_value;
    } else if (
      value.metadataType === 'MetadataIntValue' &&
      /^-?\d+$/.test(value.int_value)
    ) {
      n = Number(value.int_value);
    }
    if (typeof n === 'number' && Number.isFinite(n)) {
      metrics[key] = n;
    }
  }
  return metrics;
}
