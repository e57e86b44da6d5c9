/*
 * DEMO STAND-IN / TEST DOUBLE: MLflow's `POST /api/2.0/mlflow/model-versions/set-tag` (api-contracts §1.6: `name*`,
 * `version*`, `key*`, `value` → `{}`), checked in the order MLflow 3's server does it and answered with its
 * messages: the handler's request schema (`mlflow/server/handlers.py`, `_set_model_version_tag`: name, version
 * and key required strings, value an optional string that defaults to ""), then the SQL store's checks
 * (`mlflow/utils/validation.py`: an integer version, the tag key's characters and path form, key ≤ 250 and
 * value ≤ 5000 characters), then the version's existence (404 RESOURCE_DOES_NOT_EXIST). Setting a key again
 * overwrites it; the version's `last_updated_timestamp` is left alone, as MLflow's store leaves it.
 */
import { MlflowError } from './mlflowWireFormat';
import type { StoredVersion } from './mlflowWireFormat';

const MAX_KEY_LENGTH = 250;
const MAX_VALUE_LENGTH = 5000;
const SEE_THE_DOCS =
  ' See the API docs for more information about request parameters.';

const invalid = (message: string) =>
  new MlflowError(400, 'INVALID_PARAMETER_VALUE', message);

const isString = (value: unknown): value is string => typeof value === 'string';

/** What was set, as MLflow's webhook reports it (`ModelVersionTagSetPayload`): the request's own strings. */
export type ModelVersionTagSet = {
  name: string;
  version: string;
  key: string;
  value: string;
};

/**
 * Sets the tag on the version `findVersion` returns, or throws the {@link MlflowError} MLflow would answer with.
 * `findVersion` gets the version as a canonical number string (`"01"` and `"1"` name the same version, as in
 * MLflow's integer column).
 */
export function setModelVersionTag(
  params: Record<string, unknown>,
  findVersion: (name: string, version: string) => StoredVersion | undefined,
): ModelVersionTagSet {
  const request = checkRequestSchema(params);
  const { name, version, key, value } = request;
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(version)) {
    throw invalid(`Parameter 'version' must be an integer, got '${version}'.`);
  }
  checkTagKey(key);
  if ([...key].length > MAX_KEY_LENGTH) {
    throw invalid(
      `'key' exceeds the maximum length of ${MAX_KEY_LENGTH} characters`,
    );
  }
  if ([...value].length > MAX_VALUE_LENGTH) {
    throw invalid(
      `'value' exceeds the maximum length of ${MAX_VALUE_LENGTH} characters`,
    );
  }
  const stored = findVersion(
    name,
    String(Number(version.trim().replace(/_/g, ''))),
  );
  if (!stored) {
    throw new MlflowError(
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Model Version (name=${name}, version=${version}) not found`,
    );
  }
  const existing = stored.tags.find(t => t.key === key);
  if (existing) {
    existing.value = value;
  } else {
    stored.tags.push({ key, value });
  }
  return request;
}

/**
 * The handler's schema. Types are checked only when the body does not parse into the request proto (some field
 * is not a string), as `_validate_param_against_schema` does; JSON null leaves a field unset.
 */
function checkRequestSchema(
  params: Record<string, unknown>,
): ModelVersionTagSet {
  const fields = ['name', 'version', 'key', 'value'] as const;
  const protoParsed = fields.every(
    f => params[f] === undefined || params[f] === null || isString(params[f]),
  );
  for (const field of fields) {
    const requiredField = field !== 'value';
    if (!(field in params) && !requiredField) {
      continue;
    }
    const value = params[field];
    if (!protoParsed && !isString(value)) {
      throw invalid(
        `${invalidValue(
          field,
          value,
          ` Hint: Value was of type '${pythonTypeName(value)}'.`,
        )}${SEE_THE_DOCS}`,
      );
    }
    if (
      requiredField &&
      (value === undefined || value === null || value === '')
    ) {
      throw invalid(
        `Missing value for required parameter '${field}'.${SEE_THE_DOCS}`,
      );
    }
  }
  return {
    name: params.name as string,
    version: params.version as string,
    key: params.key as string,
    value: (params.value as string | null | undefined) ?? '',
  };
}

/** `_validate_tag_name` (not on Windows): Python's `\w` (letters, numbers, `_`), `/`, `.`, `-`, space and `:`; no path tricks. */
function checkTagKey(key: string) {
  if (!/^[/\p{L}\p{N}_.\- :]*$/u.test(key)) {
    throw invalid(
      invalidValue(
        'key',
        key,
        'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).',
      ),
    );
  }
  const normalised = posixNormpath(key);
  if (
    normalised !== key ||
    normalised === '.' ||
    normalised.startsWith('..') ||
    normalised.startsWith('/')
  ) {
    throw invalid(
      invalidValue(
        'key',
        key,
        `Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to ${pythonRepr(
          normalised,
        )}`,
      ),
    );
  }
}

/** MLflow's `invalid_value`: the value as Python's `json.dumps(sort_keys=True, separators=(",", ":"))` writes it. */
function invalidValue(field: string, value: unknown, message: string) {
  return `Invalid value ${pythonJsonDumps(
    value,
  )} for parameter '${field}' supplied: ${message}`;
}

function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(pythonJsonDumps).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        k =>
          `${pythonJsonDumps(k)}:${pythonJsonDumps(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  // ensure_ascii: everything past ASCII as \uXXXX (UTF-16 units, as Python writes them).
  return (JSON.stringify(value ?? null) ?? 'null').replace(
    /[\u007f-\uffff]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'dict';
    default:
      return 'str';
  }
}

/** Python's `repr` of a string: single quotes unless it holds one and no double quote. */
function pythonRepr(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\');
  return text.includes("'") && !text.includes('"')
    ? `"${escaped}"`
    : `'${escaped.replace(/'/g, "\\'")}'`;
}

/** Python's `posixpath.normpath` (unlike Node's, it drops a trailing slash and keeps exactly two leading ones). */
function posixNormpath(path: string): string {
  if (path === '') {
    return '.';
  }
  let leading = 0;
  if (path.startsWith('/')) {
    leading = path.startsWith('//') && !path.startsWith('///') ? 2 : 1;
  }
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (
      part !== '..' ||
      (!leading && parts.length === 0) ||
      parts.at(-1) === '..'
    ) {
      parts.push(part);
    } else if (parts.length > 0) {
      parts.pop();
    }
  }
  return '/'.repeat(leading) + parts.join('/') || '.';
}
