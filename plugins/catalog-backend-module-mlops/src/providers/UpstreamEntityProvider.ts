import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_MLOPS_SOURCE } from '@mlops-portal/plugin-mlops-common';

/** An entity read from an upstream, with the upstream instance it came from (`mlops.backstage.io/source`). */
export type UpstreamEntity<T extends Entity = Entity> = {
  entity: T;
  /** Which upstream instance holds it, e.g. `kubeflow:default`; written to the `mlops.backstage.io/source` annotation. */
  source: string;
};

/**
 * The catalog, read with the module's own service credentials, to find the entities written elsewhere (YAML)
 * that a provider must leave alone.
 */
export type CatalogReader = {
  catalog: CatalogService;
  auth: AuthService;
};

/** A DNS-1123-ish entity name from an upstream name (which may hold spaces, capitals, slashes, underscores…). */
export function entityNameOf(upstreamName: string, fallback: string): string {
  const name = upstreamName
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9-.]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name.slice(0, 63).replace(/[^a-z0-9]+$/, '') || fallback;
}

/** A title for people from a machine name: `customer_transactions` and `customer-transactions` → `Customer transactions`. */
export function titleOf(upstreamName: string): string {
  const words = upstreamName.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

/**
 * An entity provider that mirrors an upstream: each refresh reads everything and replaces the provider's whole
 * set (a full mutation), so what was deleted upstream leaves the catalog. When the upstream cannot be read the
 * refresh logs it and fails without a mutation: an outage never empties the catalog.
 *
 * @remarks
 * Written entities win over discovered ones of the same kind and name, deterministically and in either order:
 * - discovered entities carry no location key, and the catalog lets an entity from a location (a YAML file, whose
 *   location key is its URL) take over an entity without one, while an entity without a key never displaces one
 *   with a key (Backstage's `refresh_state.location_key` rule). So YAML read before or after the first refresh
 *   ends up in the catalog, and the discovered twin is dropped.
 * - with a {@link CatalogReader}, each refresh first reads the catalog's entities of the kinds it emits and
 *   leaves out every name held by something else (no `mlops.backstage.io/source` annotation of this provider's
 *   upstreams): the provider then stops offering what YAML holds, and the catalog logs no conflicts.
 */
export abstract class UpstreamEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  protected constructor(
    private readonly providerName: string,
    private readonly what: string,
    protected readonly logger: LoggerService,
    private readonly written?: CatalogReader,
  ) {}

  getProviderName(): string {
    return this.providerName;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** The entity kind this provider emits. */
  protected abstract readonly kind: string;

  /** The `mlops.backstage.io/source` values of this provider's upstream instances (e.g. `feast:default`). */
  protected abstract sources(): string[];

  /** Everything the upstream holds, as entities; throws when any of it cannot be read. */
  protected abstract read(): Promise<UpstreamEntity[]>;

  /** Reads the upstream and replaces the provider's entities with what it holds, less what was written elsewhere. */
  async refresh(): Promise<{ entities: number; yielded: string[] }> {
    if (!this.connection) {
      throw new Error(`${this.providerName} is not connected yet`);
    }
    let read: UpstreamEntity[];
    try {
      read = await this.read();
    } catch (error) {
      this.logger.error(
        `${this.what} not refreshed, the catalog keeps what it had: ${
          (error as Error).message
        }`,
      );
      throw error;
    }
    const heldElsewhere = await this.namesHeldElsewhere();
    const yielded: string[] = [];
    const entities = read.flatMap(({ entity, source }) => {
      const ref = stringifyEntityRef(entity);
      if (heldElsewhere.has(ref.toLocaleLowerCase('en-US'))) {
        yielded.push(ref);
        return [];
      }
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [ANNOTATION_MLOPS_SOURCE]: source,
      };
      // No location key: an entity written in a catalog location of the same ref takes this one over.
      return [{ entity }];
    });
    await this.connection.applyMutation({ type: 'full', entities });
    this.logger.info(
      `Ingested ${entities.length} ${this.what}${
        yielded.length
          ? `; left to their catalog entities written elsewhere: ${yielded.join(
              ', ',
            )}`
          : ''
      }`,
    );
    return { entities: entities.length, yielded };
  }

  /** The refs of this kind the catalog holds from anything but this provider's upstreams. */
  private async namesHeldElsewhere(): Promise<Set<string>> {
    if (!this.written) {
      return new Set();
    }
    const { catalog, auth } = this.written;
    const ours = new Set(this.sources());
    let items: Entity[];
    try {
      ({ items } = await catalog.getEntities(
        {
          filter: { kind: this.kind },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      ));
    } catch (error) {
      // Safe to go on: without a location key, what this offers cannot displace an entity written in YAML.
      this.logger.warn(
        `Could not read the catalog's ${
          this.kind
        } entities to leave written ones alone (the catalog still keeps them): ${
          (error as Error).message
        }`,
      );
      return new Set();
    }
    return new Set(
      items
        .filter(
          e =>
            !ours.has(e.metadata.annotations?.[ANNOTATION_MLOPS_SOURCE] ?? ''),
        )
        .map(e =>
          stringifyEntityRef({
            kind: e.kind,
            namespace: e.metadata.namespace ?? DEFAULT_NAMESPACE,
            name: e.metadata.name,
          }).toLocaleLowerCase('en-US'),
        ),
    );
  }
}
