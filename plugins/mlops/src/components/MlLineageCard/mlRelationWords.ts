import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  RELATION_CONSUMES_FEATURES,
  RELATION_FEATURES_CONSUMED_BY,
  RELATION_TRAINED_BY,
  RELATION_TRAINS,
} from '@mlops-portal/plugin-mlops-common';

/**
 * The ML relation pairs for the catalog graph (`relationPairs`), the model's side first, so a merged edge reads
 * from the model outwards: it reads features from a feature view, is trained by a pipeline, is served by a
 * component. Add them to the graph's defaults (`ALL_RELATION_PAIRS` of `@backstage/plugin-catalog-graph`).
 *
 * @public
 */
export const mlRelationPairs: [string, string][] = [
  [RELATION_CONSUMES_FEATURES, RELATION_FEATURES_CONSUMED_BY],
  [RELATION_TRAINED_BY, RELATION_TRAINS],
];

const WORDS: Record<string, string> = {
  [RELATION_CONSUMES_FEATURES]: 'reads features from',
  [RELATION_FEATURES_CONSUMED_BY]: 'feeds features to',
  [RELATION_TRAINED_BY]: 'trained by',
  [RELATION_TRAINS]: 'trains',
  [RELATION_DEPENDS_ON]: 'depends on',
  [RELATION_DEPENDENCY_OF]: 'needed by',
  [RELATION_OWNED_BY]: 'owned by',
  [RELATION_OWNER_OF]: 'owns',
  [RELATION_PART_OF]: 'part of',
  [RELATION_HAS_PART]: 'has part',
};

const kindOf = (ref: string) => {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
};

/**
 * The words for an edge of the catalog graph from `from` to `to`, read from its first relation (the one pointing
 * that way): `reads features from`, `trained by`, `served by`. A Model's dependency on a Component is where it is
 * served, so that edge says `served by` (and `serves` the other way). A relation without words here is shown
 * as its key, so nothing disappears.
 *
 * @public
 */
export function mlRelationWords(edge: {
  from: string;
  to: string;
  relations: string[];
}): string {
  const [relation] = edge.relations;
  if (relation === undefined) return '';
  const from = kindOf(edge.from);
  const to = kindOf(edge.to);
  if (
    relation === RELATION_DEPENDS_ON &&
    from === 'model' &&
    to === 'component'
  ) {
    return 'served by';
  }
  if (
    relation === RELATION_DEPENDENCY_OF &&
    from === 'component' &&
    to === 'model'
  ) {
    return 'serves';
  }
  return WORDS[relation] ?? relation;
}
