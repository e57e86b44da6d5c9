import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** An entity read from an upstream, with the location key that groups it (one per upstream instance). */
export type UpstreamEntity<T extends Entity = Entity> = {
  entity: T;
  locationKey: string;
};

/** A DNS-1123-ish entity name from an upstream name (which may hold spaces, capitals, slashes, underscores…). */
export function entityNameOf(upstreamName: string, fallback: string): string {
  const name = upstreamName
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9-.]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name.slice(0, 63).replace(/[^a-z0-9]+$/, '') || fallback;
}

/**
 * An entity provider that mirrors an upstream: each refresh reads everything and replaces the provider's whole
 * set (a full mutation), so what was deleted upstream leaves the catalog. When the upstream cannot be read the
 * refresh fails without a mutation: an outage never empties the catalog.
 */
export abstract class UpstreamEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  protected constructor(
    private readonly providerName: string,
    private readonly what: string,
    protected readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return this.providerName;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Everything the upstream holds, as entities; throws when any of it cannot be read. */
  protected abstract read(): Promise<UpstreamEntity[]>;

  /** Reads the upstream and replaces the provider's entities with what it holds. */
  async refresh(): Promise<{ entities: number }> {
    if (!this.connection) {
      throw new Error(`${this.providerName} is not connected yet`);
    }
    const entities = await this.read();
    await this.connection.applyMutation({ type: 'full', entities });
    this.logger.info(`Ingested ${entities.length} ${this.what}`);
    return { entities: entities.length };
  }
}
