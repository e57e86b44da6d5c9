import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  FeatureViewEntityV1alpha1,
  FeatureViewStatus,
  isFeatureViewEntity,
} from '@mlops-portal/plugin-mlops-common';
import {
  durationSeconds,
  FeastClients,
  FeastFeatureView,
  freshnessOf,
  isoDuration,
  sourceOf,
} from '@mlops-portal/plugin-mlops-node';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';

/**
 * A FeatureView's live state in Feast's registry: schema, entities, source, TTL, materializations and whether the
 * online store is stale, plus where the catalog entity no longer matches Feast. Feast unreachable → 503, a
 * failing registry → 502, a view Feast does not have → 404, each naming Feast.
 */
export class FeatureViewStatusService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      feast: FeastClients;
      now?: () => number;
    },
  ) {}

  async status(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<FeatureViewStatus> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (!isFeatureViewEntity(entity)) {
      throw new InputError(
        `${entityRef} is a ${entity.kind}, not a FeatureView`,
      );
    }
    const client = this.deps.feast.get(entity.spec.feast.instance);
    const { project } = entity.spec.feast;
    const name = entity.spec.feast.name ?? entity.metadata.name;
    let view: FeastFeatureView;
    try {
      view = await client.getFeatureView(project, name);
    } catch (error) {
      throw upstreamErrorToServiceError(
        error,
        `Feast registry '${client.instanceName}' has no feature view '${name}' in project '${project}'`,
      );
    }
    const { spec, meta } = view;
    const freshness = freshnessOf(view, (this.deps.now ?? Date.now)());
    const features = (spec.features ?? []).map(f => ({
      name: f.name,
      type: f.valueType ?? 'INVALID',
      ...(f.description ? { description: f.description } : {}),
    }));
    return {
      feastInstance: client.instanceName,
      project,
      name,
      type: view.type,
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.owner ? { owner: spec.owner } : {}),
      tags: spec.tags ?? {},
      entities: spec.entities ?? [],
      entityColumns: (spec.entityColumns ?? []).map(c => ({
        name: c.name,
        type: c.valueType ?? 'INVALID',
      })),
      features,
      source: sourceOf(view),
      ...(freshness.ttlSeconds
        ? {
            ttl: isoDuration(freshness.ttlSeconds),
            ttlSeconds: freshness.ttlSeconds,
          }
        : {}),
      online: spec.online === true,
      offline: spec.offline === true || Boolean(spec.batchSource?.name),
      createdAt: meta?.createdTimestamp,
      updatedAt: meta?.lastUpdatedTimestamp,
      lastMaterializedAt: freshness.lastMaterializedAt,
      ageSeconds: freshness.ageSeconds,
      stale: freshness.stale,
      materializations: [...(meta?.materializationIntervals ?? [])]
        .sort((a, b) => (b.endTime ?? '').localeCompare(a.endTime ?? ''))
        .slice(0, 10)
        .map(i => ({ start: i.startTime, end: i.endTime })),
      catalogDifferences: differences(
        entity,
        features,
        spec.entities ?? [],
        spec.ttl,
      ),
    };
  }
}

/** Where the catalog's copy of the view no longer says what Feast says. */
function differences(
  entity: FeatureViewEntityV1alpha1,
  features: Array<{ name: string; type: string }>,
  entities: string[],
  ttl?: string,
): string[] {
  const found: string[] = [];
  const live = new Map(features.map(f => [f.name, f.type]));
  const catalog = new Map(entity.spec.features.map(f => [f.name, f.type]));
  for (const [name, type] of catalog) {
    if (!live.has(name)) {
      found.push(`Feature ${name} is in the catalog but not in Feast`);
    } else if (live.get(name) !== type) {
      found.push(
        `Feature ${name} is ${type} in the catalog but ${live.get(
          name,
        )} in Feast`,
      );
    }
  }
  for (const name of live.keys()) {
    if (!catalog.has(name)) {
      found.push(`Feature ${name} is in Feast but not in the catalog`);
    }
  }
  if ([...entity.spec.entities].sort().join() !== [...entities].sort().join()) {
    found.push(
      `Entities are ${entity.spec.entities.join(', ')} in the catalog but ${
        entities.join(', ') || 'none'
      } in Feast`,
    );
  }
  const liveTtl = durationSeconds(ttl);
  const catalogTtl = entity.spec.ttl;
  if ((liveTtl ? isoDuration(liveTtl) : undefined) !== catalogTtl) {
    found.push(
      `TTL is ${catalogTtl ?? 'none'} in the catalog but ${
        liveTtl ? isoDuration(liveTtl) : 'none'
      } in Feast`,
    );
  }
  return found;
}
