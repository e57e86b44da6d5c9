/*
 * DEMO STAND-IN / TEST DOUBLE: the filter grammar of MLflow's `runs/search` as its tracking server reads it
 * (mlflow/utils/search_utils.py, `SearchUtils.parse_search_filter`, and the search-runs docs): comparisons joined
 * by AND (no OR, no parentheses around clauses), each `<entity>.<key> <comparator> <value>` where the entity is
 * metrics, params, tags or attributes (and their aliases), keys may be quoted with backticks or double quotes,
 * metric values are numbers, param and tag values quoted strings, and only `attributes.run_id` takes a list:
 * `attributes.run_id IN ('a', 'b')`. Whatever the server refuses, this refuses with INVALID_PARAMETER_VALUE.
 */
import { MlflowError } from './mlflowWireFormat';
import { invalid, isWord, tokenize } from './runSearchFilterTokenizer';

export { runMatches } from './runMatches';

type EntityType = 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset';

/** One parsed comparison of a runs/search filter. */
export type RunFilterClause = {
  type: EntityType;
  key: string;
  comparator: string;
  value: string | number | string[];
};

const ENTITY_ALIASES: Record<string, EntityType> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'parameter',
  parameters: 'parameter',
  param: 'parameter',
  params: 'parameter',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

const NUMERIC_ATTRIBUTES = new Set([
  'start_time',
  'end_time',
  'created',
  'Created',
]);
const STRING_ATTRIBUTES = new Set([
  'run_id',
  'run_name',
  'status',
  'user_id',
  'artifact_uri',
  'run name',
  'Run name',
  'Run Name',
]);
const NUMERIC_COMPARATORS = new Set(['>', '>=', '!=', '=', '<', '<=']);
const STRING_COMPARATORS = new Set(['!=', '=', 'LIKE', 'ILIKE']);
const STRING_ATTRIBUTE_COMPARATORS = new Set([
  ...STRING_COMPARATORS,
  'IN',
  'NOT IN',
]);

/** Parses a runs/search filter; an empty filter is no clause. Throws MLflow's INVALID_PARAMETER_VALUE. */
export function parseRunSearchFilter(filter: string): RunFilterClause[] {
  if (!filter.trim()) {
    return [];
  }
  const tokens = tokenize(filter);
  if (tokens.some(t => t.kind === 'punct' && t.text === ';')) {
    throw invalid(
      `Search filter contained multiple expression '${filter}'. Provide AND-ed expression list.`,
    );
  }
  const clauses: RunFilterClause[] = [];
  let i = 0;
  const rest = () =>
    tokens
      .slice(i)
      .map(t => (t.kind === 'quoted' ? t.raw : t.text))
      .join(' ');
  for (;;) {
    // <entity>.<key>, or a bare attribute key.
    const first = tokens[i];
    if (!first || (first.kind !== 'word' && first.kind !== 'quoted')) {
      throw invalid(`Invalid clause(s) in filter string: '${rest()}'`);
    }
    let entity = 'attribute';
    let key: string;
    const dot = tokens[i + 1];
    if (dot?.kind === 'punct' && dot.text === '.') {
      entity = first.kind === 'quoted' ? first.text : first.text;
      const keyToken = tokens[i + 2];
      if (
        !keyToken ||
        (keyToken.kind !== 'word' && keyToken.kind !== 'quoted')
      ) {
        throw invalid(`Invalid clause(s) in filter string: '${rest()}'`);
      }
      key = keyToken.text;
      // An unquoted key may itself contain dots (tags.mlflow.user is read as key 'mlflow.user').
      let j = i + 3;
      while (
        keyToken.kind === 'word' &&
        tokens[j]?.kind === 'punct' &&
        tokens[j].text === '.' &&
        tokens[j + 1]?.kind === 'word'
      ) {
        key += `.${tokens[j + 1].text}`;
        j += 2;
      }
      i = j;
    } else {
      key = first.text;
      i += 1;
    }
    const type = ENTITY_ALIASES[entity];
    if (!type) {
      throw invalid(
        `Invalid entity type '${entity}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
      );
    }
    if (
      type === 'attribute' &&
      !NUMERIC_ATTRIBUTES.has(key) &&
      !STRING_ATTRIBUTES.has(key)
    ) {
      throw invalid(
        `Invalid attribute key '${key}' specified. Valid keys are '${[
          ...STRING_ATTRIBUTES,
          ...NUMERIC_ATTRIBUTES,
        ].join("', '")}'`,
      );
    }
    if (type === 'dataset') {
      throw new MlflowError(
        501,
        'NOT_IMPLEMENTED',
        "The sandbox's MLflow stand-in does not search datasets",
      );
    }

    // The comparator.
    let comparator: string;
    const op = tokens[i];
    if (op?.kind === 'op') {
      comparator = op.text;
      i += 1;
    } else if (isWord(op, 'NOT') && isWord(tokens[i + 1], 'IN')) {
      comparator = 'NOT IN';
      i += 2;
    } else if (isWord(op, 'IN') || isWord(op, 'LIKE') || isWord(op, 'ILIKE')) {
      comparator = (op as { text: string }).text.toUpperCase();
      i += 1;
    } else {
      throw invalid(`Invalid clause(s) in filter string: '${rest()}'`);
    }

    // The value.
    const valueToken = tokens[i];
    let value: RunFilterClause['value'];
    if (valueToken?.kind === 'punct' && valueToken.text === '(') {
      const items: string[] = [];
      i += 1;
      for (;;) {
        const item = tokens[i];
        if (item?.kind !== 'quoted' || item.quote !== "'") {
          throw invalid(
            'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.',
          );
        }
        items.push(item.text);
        const next = tokens[i + 1];
        i += 2;
        if (next?.kind === 'punct' && next.text === ')') {
          break;
        }
        if (next?.kind !== 'punct' || next.text !== ',') {
          throw invalid(
            'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.',
          );
        }
      }
      if (type !== 'attribute' || key !== 'run_id') {
        throw invalid(
          "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
        );
      }
      // MLflow drops ids with upper-case letters (MySQL compares IN-lists case-insensitively; run ids are lower case).
      value = items.filter(
        id => id !== id.toUpperCase() && id === id.toLowerCase(),
      );
    } else if (valueToken?.kind === 'number') {
      if (type === 'parameter' || type === 'tag') {
        throw invalid(
          `Expected a quoted string value for ${type} (e.g. 'my-value'). Got value ${valueToken.text}`,
        );
      }
      if (type === 'attribute' && !NUMERIC_ATTRIBUTES.has(key)) {
        throw invalid(
          `Expected a quoted string value for attributes. Got value ${valueToken.text}`,
        );
      }
      value = Number(valueToken.text);
      i += 1;
    } else if (
      valueToken?.kind === 'quoted' &&
      (valueToken.quote === "'" || valueToken.quote === '"')
    ) {
      if (type === 'metric') {
        throw invalid(
          `Expected numeric value type for metric. Found ${valueToken.raw}`,
        );
      }
      if (type === 'attribute' && NUMERIC_ATTRIBUTES.has(key)) {
        throw invalid(
          `Expected numeric value type for numeric attribute: ${key}. Found ${valueToken.raw}`,
        );
      }
      value = valueToken.text;
      i += 1;
    } else {
      throw invalid(`Invalid clause(s) in filter string: '${rest()}'`);
    }

    // Each kind of value has its comparators.
    let allowed = STRING_COMPARATORS;
    if (
      type === 'metric' ||
      (type === 'attribute' && NUMERIC_ATTRIBUTES.has(key))
    ) {
      allowed = NUMERIC_COMPARATORS;
    } else if (type === 'attribute') {
      allowed = STRING_ATTRIBUTE_COMPARATORS;
    }
    if (!allowed.has(comparator)) {
      throw invalid(
        `Invalid comparator '${comparator}' not one of '${[...allowed].join(
          "', '",
        )}'`,
      );
    }
    if (
      (comparator === 'IN' || comparator === 'NOT IN') !== Array.isArray(value)
    ) {
      throw invalid(`Invalid clause(s) in filter string: '${filter}'`);
    }
    clauses.push({ type, key, comparator, value });

    if (i >= tokens.length) {
      return clauses;
    }
    if (!isWord(tokens[i], 'AND') || i + 1 >= tokens.length) {
      throw invalid(`Invalid clause(s) in filter string: '${rest()}'`);
    }
    i += 1;
  }
}
