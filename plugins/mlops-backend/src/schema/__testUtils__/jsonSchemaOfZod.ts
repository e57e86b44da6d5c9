import { z } from 'zod';

/** A JSON Schema (OpenAPI 3.1 dialect) as plain data. */
export type JsonSchema = { [key: string]: unknown };

/**
 * The JSON Schema a zod schema of plugin-mlops-common stands for, in the words `openapi.yaml` uses for it, so the
 * test can compare the two in full: types, bounds, patterns, enums, required fields and whether unknown fields
 * are refused. Refinements (e.g. "the last step gives 100%") have no JSON Schema and are left out; a zod type this
 * does not know fails loudly rather than comparing as anything.
 */
export function jsonSchemaOfZod(schema: z.ZodTypeAny): JsonSchema {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind } & Record<
    string,
    any
  >;
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString:
      return stringSchema(def.checks);
    case z.ZodFirstPartyTypeKind.ZodNumber:
      return numberSchema(def.checks);
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      return { type: 'boolean' };
    case z.ZodFirstPartyTypeKind.ZodEnum:
      return { type: 'string', enum: [...def.values] };
    case z.ZodFirstPartyTypeKind.ZodLiteral:
      return { type: typeof def.value, const: def.value };
    case z.ZodFirstPartyTypeKind.ZodUnknown:
    case z.ZodFirstPartyTypeKind.ZodAny:
      return {};
    case z.ZodFirstPartyTypeKind.ZodArray:
      return {
        type: 'array',
        items: jsonSchemaOfZod(def.type),
        ...(def.minLength ? { minItems: def.minLength.value } : {}),
        ...(def.maxLength ? { maxItems: def.maxLength.value } : {}),
      };
    case z.ZodFirstPartyTypeKind.ZodRecord:
      return {
        type: 'object',
        additionalProperties: jsonSchemaOfZod(def.valueType),
      };
    case z.ZodFirstPartyTypeKind.ZodObject:
      return objectSchema(schema as z.AnyZodObject);
    case z.ZodFirstPartyTypeKind.ZodUnion:
      return { anyOf: def.options.map(jsonSchemaOfZod) };
    case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      return { oneOf: def.options.map(jsonSchemaOfZod) };
    case z.ZodFirstPartyTypeKind.ZodOptional:
      return jsonSchemaOfZod(def.innerType);
    case z.ZodFirstPartyTypeKind.ZodDefault:
      return { ...jsonSchemaOfZod(def.innerType), default: def.defaultValue() };
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return jsonSchemaOfZod(def.schema);
    case z.ZodFirstPartyTypeKind.ZodNullable: {
      const inner = jsonSchemaOfZod(def.innerType);
      return typeof inner.type === 'string'
        ? { ...inner, type: [inner.type, 'null'] }
        : { anyOf: [inner, { type: 'null' }] };
    }
    default:
      throw new Error(`jsonSchemaOfZod does not know ${def.typeName}`);
  }
}

function objectSchema(schema: z.AnyZodObject): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, value] of Object.entries(schema.shape)) {
    properties[key] = jsonSchemaOfZod(value as z.ZodTypeAny);
    if (!(value as z.ZodTypeAny).isOptional()) {
      required.push(key);
    }
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    ...(schema._def.unknownKeys === 'strict'
      ? { additionalProperties: false }
      : {}),
  };
}

function stringSchema(checks: Array<Record<string, any>>): JsonSchema {
  const result: JsonSchema = { type: 'string' };
  for (const check of checks) {
    switch (check.kind) {
      case 'min':
        result.minLength = check.value;
        break;
      case 'max':
        result.maxLength = check.value;
        break;
      case 'regex':
        result.pattern = (check.regex as RegExp).source;
        break;
      case 'datetime':
        result.format = 'date-time';
        break;
      case 'trim':
        break;
      default:
        throw new Error(
          `jsonSchemaOfZod does not know string check ${check.kind}`,
        );
    }
  }
  return result;
}

function numberSchema(checks: Array<Record<string, any>>): JsonSchema {
  const result: JsonSchema = { type: 'number' };
  for (const check of checks) {
    switch (check.kind) {
      case 'int':
        result.type = 'integer';
        break;
      case 'min':
        result[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
        break;
      case 'max':
        result[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
        break;
      default:
        throw new Error(
          `jsonSchemaOfZod does not know number check ${check.kind}`,
        );
    }
  }
  return result;
}
