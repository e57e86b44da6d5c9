import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import {
  RELATION_CONSUMES_FEATURES,
  RELATION_FEATURES_CONSUMED_BY,
  RELATION_TRAINED_BY,
  RELATION_TRAINS,
} from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * One model's path from its inputs to where it runs: feature views → pipeline → model → serving component.
 *
 * @public
 */
export interface MlLineageRow {
  /** The FeatureViews the model consumes. */
  featureViews: CompoundEntityRef[];
  /** The Pipelines that train it. */
  pipelines: CompoundEntityRef[];
  /** The Model. */
  model: CompoundEntityRef;
  /** The Components it is served by (it depends on them). */
  servedBy: CompoundEntityRef[];
}

function lineageOfModel(model: Entity): MlLineageRow {
  return {
    featureViews: getEntityRelations(model, RELATION_CONSUMES_FEATURES),
    pipelines: getEntityRelations(model, RELATION_TRAINED_BY),
    model: getCompoundEntityRef(model),
    servedBy: getEntityRelations(model, RELATION_DEPENDS_ON, {
      kind: 'component',
    }),
  };
}

/**
 * The lineage rows to show on an entity's page. A Model shows its own row; a Pipeline, FeatureView or serving
 * Component shows the row of every Model it trains, feeds or serves (a Model's `dependsOn` a Component is where it
 * is served, so the Component has `dependencyOf` that Model), read from the catalog (relations, not spec, so only
 * what the catalog accepted is shown).
 *
 * @public
 */
export function useMlLineage(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<MlLineageRow[]> => {
    if (entity.kind.toLocaleLowerCase('en-US') === 'model') {
      return [lineageOfModel(entity)];
    }
    const modelRefs = [
      ...getEntityRelations(entity, RELATION_TRAINS),
      ...getEntityRelations(entity, RELATION_FEATURES_CONSUMED_BY),
      ...getEntityRelations(entity, RELATION_DEPENDENCY_OF, { kind: 'model' }),
    ].map(ref => stringifyEntityRef(ref));
    if (modelRefs.length === 0) {
      return [];
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: [...new Set(modelRefs)],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
    });
    return items
      .filter((model): model is Entity => Boolean(model))
      .map(lineageOfModel);
  }, [catalogApi, entity]);
}
