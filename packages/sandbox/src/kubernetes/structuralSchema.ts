/*
 * A CRD's structural schema applied the way the Kubernetes API server applies it to a custom resource on create
 * and replace: unknown fields are pruned (and reported, so the caller can warn, or refuse under
 * `fieldValidation=Strict`), nulls in non-nullable fields are dropped, then types, `required`, `enum`, bounds and
 * patterns are checked. `x-kubernetes-preserve-unknown-fields`, `x-kubernetes-int-or-string` and
 * `x-kubernetes-embedded-resource` are honoured. The error strings follow the API server's field errors, e.g.
 * `spec.predictors[0].traffic: Invalid value: "x": spec.predictors[0].traffic in body must be of type integer: "string"`.
 *
 * It walks only the paths present in the object, so a 2 MB CRD costs nothing until an object is written.
 */

import { goRegExp } from './goRegExp';

/** The subset of OpenAPI v3 that Kubernetes structural schemas use. */
export type StructuralSchema = {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
};

export type StructuralResult = {
  /** The object as it would be stored: unknown fields and disallowed nulls removed. */
  pruned: unknown;
  /** Field errors; any of them makes the write a 422 Invalid. */
  errors: string[];
  /** Paths of the unknown fields that were pruned. */
  unknownFields: string[];
};

const EMBEDDED_FIELDS = ['apiVersion', 'kind', 'metadata'];

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function typeMatches(schema: StructuralSchema, value: unknown): boolean {
  const actual = typeOf(value);
  if (schema['x-kubernetes-int-or-string']) {
    return actual === 'integer' || actual === 'string';
  }
  if (!schema.type) return true;
  if (schema.type === 'number')
    return actual === 'integer' || actual === 'number';
  return actual === schema.type;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

class Walker {
  readonly errors: string[] = [];
  readonly unknownFields: string[] = [];

  constructor(private readonly prune: boolean) {}

  walk(schema: StructuralSchema, value: unknown, path: string): unknown {
    if (!typeMatches(schema, value)) {
      const expected = schema['x-kubernetes-int-or-string']
        ? 'integer or string'
        : schema.type;
      this.errors.push(
        `${path}: Invalid value: "${typeOf(
          value,
        )}": ${path} in body must be of type ${expected}: "${typeOf(value)}"`,
      );
      return value;
    }
    this.checkValue(schema, value, path);
    if (typeOf(value) === 'object' && value !== null) {
      return this.walkObject(schema, value as Record<string, unknown>, path);
    }
    if (Array.isArray(value) && schema.items) {
      return value.map((item, i) =>
        this.walk(schema.items!, item, `${path}[${i}]`),
      );
    }
    return value;
  }

  private walkObject(
    schema: StructuralSchema,
    value: Record<string, unknown>,
    path: string,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const childSchema =
        schema.properties?.[key] ??
        (typeof schema.additionalProperties === 'object'
          ? schema.additionalProperties
          : undefined);
      if (child === null && !childSchema?.nullable) {
        // Nulls of non-nullable fields are pruned before validation.
        continue;
      }
      if (childSchema) {
        out[key] = this.walk(childSchema, child, childPath);
      } else if (
        schema['x-kubernetes-preserve-unknown-fields'] ||
        schema.additionalProperties === true ||
        (schema['x-kubernetes-embedded-resource'] &&
          EMBEDDED_FIELDS.includes(key))
      ) {
        out[key] = child;
      } else {
        this.unknownFields.push(childPath);
        if (!this.prune) out[key] = child;
      }
    }
    for (const name of schema.required ?? []) {
      if (out[name] === undefined) {
        this.errors.push(`${path ? `${path}.` : ''}${name}: Required value`);
      }
    }
    return out;
  }

  private checkValue(schema: StructuralSchema, value: unknown, path: string) {
    const fail = (what: string) =>
      this.errors.push(
        `${path}: Invalid value: ${describe(value)}: ${path} in body ${what}`,
      );
    if (schema.enum && !schema.enum.some(e => e === value)) {
      this.errors.push(
        `${path}: Unsupported value: ${describe(
          value,
        )}: supported values: ${schema.enum.map(describe).join(', ')}`,
      );
    }
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) {
        fail(`should be greater than or equal to ${schema.minimum}`);
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        fail(`should be less than or equal to ${schema.maximum}`);
      }
    }
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) {
        fail(`should be at least ${schema.minLength} chars long`);
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        fail(`may not be longer than ${schema.maxLength}`);
      }
      if (schema.pattern && !goRegExp(schema.pattern).test(value)) {
        fail(`should match '${schema.pattern}'`);
      }
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        fail(`should have at least ${schema.minItems} items`);
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        fail(`must have at most ${schema.maxItems} items`);
      }
    }
    // Value validations only: they may not introduce fields, so they neither prune nor report unknown fields.
    const passes = (s: StructuralSchema) => {
      const inner = new Walker(false);
      inner.walk(
        { ...s, 'x-kubernetes-preserve-unknown-fields': true },
        value,
        path,
      );
      return inner.errors.length === 0;
    };
    for (const s of schema.allOf ?? []) {
      if (!passes(s)) fail('must validate all the schemas (allOf)');
    }
    if (schema.anyOf && !schema.anyOf.some(passes)) {
      fail('must validate at least one schema (anyOf)');
    }
    if (schema.oneOf && schema.oneOf.filter(passes).length !== 1) {
      fail('must validate one and only one schema (oneOf)');
    }
  }
}

/**
 * Applies a CRD's schema to a whole custom resource. `apiVersion`, `kind` and `metadata` are the API server's own
 * business and are passed through.
 */
export function applyStructuralSchema(
  schema: StructuralSchema,
  object: Record<string, unknown>,
): StructuralResult {
  const walker = new Walker(true);
  const { apiVersion, kind, metadata, ...rest } = object;
  const pruned = walker.walk(
    {
      ...schema,
      properties: Object.fromEntries(
        Object.entries(schema.properties ?? {}).filter(
          ([key]) => !EMBEDDED_FIELDS.includes(key),
        ),
      ),
    },
    rest,
    '',
  ) as Record<string, unknown>;
  return {
    pruned: { apiVersion, kind, metadata, ...pruned },
    errors: walker.errors,
    unknownFields: walker.unknownFields,
  };
}
