import { Readable } from 'node:stream';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  CHAMPION_ALIAS,
  isFeatureViewEntity,
  isModelEntity,
  MLOPS_KINDS,
  MLOPS_SEARCH_TYPE,
  MlopsSearchDocument,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsFactsClient } from './MlopsFactsClient';
import {
  FeatureViewIndex,
  keyMetrics,
  ModelFacts,
  toSearchDocument,
} from './toSearchDocument';

/** The alias a challenger version carries in the registry. */
const CHALLENGER_ALIAS = 'challenger';
/** Models whose facts are read at the same time, so a large catalog does not flood the mlops backend. */
const CONCURRENCY = 4;
const PAGE_SIZE = 500;

/**
 * Indexes Models, Pipelines and FeatureViews (type `mlops`) with their facts. The search backend shows a
 * document only to users who may read its entity (`catalog.entity.read` on `authorization.resourceRef`).
 *
 * @public
 */
export class MlopsCollatorFactory implements DocumentCollatorFactory {
  /** The documents' type, `mlops`: the search page's "ML" result type. */
  readonly type = MLOPS_SEARCH_TYPE;
  /** Catalog read permission: the search backend filters each document by its entity. */
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      facts: Pick<MlopsFactsClient, 'getRegistry' | 'getHealthStatus'>;
      logger: LoggerService;
    },
  ) {}

  /** A stream of one document per Model, Pipeline and FeatureView in the catalog. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<MlopsSearchDocument> {
    const entities = await this.readEntities();
    const featureViews: FeatureViewIndex = new Map();
    for (const entity of entities) {
      if (isFeatureViewEntity(entity)) {
        featureViews.set(
          stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          entity,
        );
      }
    }
    for (let i = 0; i < entities.length; i += CONCURRENCY) {
      const batch = entities.slice(i, i + CONCURRENCY);
      const documents = await Promise.all(
        batch.map(async entity =>
          toSearchDocument(entity, {
            featureViews,
            facts: isModelEntity(entity)
              ? await this.modelFacts(entity)
              : undefined,
          }),
        ),
      );
      for (const document of documents) {
        if (document) {
          yield document;
        }
      }
    }
  }

  private async readEntities(): Promise<Entity[]> {
    const { auth, catalog } = this.deps;
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const response = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              // The apiVersion is checked per entity (toSearchDocument): not every catalog filters on it alike.
              filter: { kind: [...MLOPS_KINDS] },
              limit: PAGE_SIZE,
            },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      entities.push(...response.items);
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }

  /** The registry's champion and challenger and the health status; a part that cannot be read is left out. */
  private async modelFacts(model: ModelEntityV1alpha1): Promise<ModelFacts> {
    const ref = {
      kind: model.kind,
      namespace: model.metadata.namespace ?? 'default',
      name: model.metadata.name,
    };
    const entityRef = stringifyEntityRef(model);
    const facts: ModelFacts = {};
    const [registry, health] = await Promise.allSettled([
      model.spec.registry
        ? this.deps.facts.getRegistry(ref)
        : Promise.resolve(undefined),
      this.deps.facts.getHealthStatus(ref),
    ]);
    if (registry.status === 'fulfilled' && registry.value) {
      const view = registry.value;
      const aliased = (alias: string) => {
        const version = view.aliases.find(a => a.alias === alias)?.version;
        if (!version) {
          return undefined;
        }
        const metrics =
          view.versions.find(v => v.version === version)?.metrics ?? {};
        return { version, metrics: keyMetrics(model, metrics) };
      };
      facts.champion = aliased(CHAMPION_ALIAS);
      facts.challenger = aliased(CHALLENGER_ALIAS);
    } else if (registry.status === 'rejected') {
      this.deps.logger.warn(
        `Indexing ${entityRef} without its registry facts: ${reason(
          registry.reason,
        )}`,
      );
    }
    if (health.status === 'fulfilled') {
      facts.health = health.value;
    } else {
      this.deps.logger.warn(
        `Indexing ${entityRef} without its health: ${reason(health.reason)}`,
      );
    }
    return facts;
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
