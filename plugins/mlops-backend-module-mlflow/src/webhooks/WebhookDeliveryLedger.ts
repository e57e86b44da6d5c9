import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/**
 * Remembers the webhook deliveries accepted lately, so that one delivery is accepted once. Shared by all replicas
 * when backed by the database.
 *
 * @public
 */
export interface WebhookDeliveryLedger {
  /**
   * Records the delivery as accepted unless it was already; returns whether this call recorded it. `expiresAt`
   * (ms since epoch) is when the delivery would be refused for its age anyway, so it need not be kept longer.
   */
  claim(
    instance: string,
    deliveryId: string,
    expiresAt: number,
  ): Promise<boolean>;
}

/**
 * The ledger in a database table (`mlflow_webhook_deliveries`, this package's migrations): the primary key on
 * (instance, delivery id) makes two replicas receiving the same delivery agree that only one accepted it.
 * Expired rows are removed as new deliveries arrive.
 *
 * @public
 */
export class DatabaseWebhookDeliveryLedger implements WebhookDeliveryLedger {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => number,
  ) {}

  /** The ledger in the given database, its table migrated unless the database service says to skip migrations. */
  static async create(
    database: DatabaseService,
    options: { now?: () => number } = {},
  ): Promise<DatabaseWebhookDeliveryLedger> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@mlops-portal/plugin-mlops-backend-module-mlflow',
          'migrations',
        ),
        // Its own bookkeeping table: the database is the events plugin's, whose own migrations use the default one.
        tableName: 'mlflow_webhooks_knex_migrations',
      });
    }
    return new DatabaseWebhookDeliveryLedger(knex, options.now ?? Date.now);
  }

  /** {@inheritDoc WebhookDeliveryLedger.claim} */
  async claim(
    instance: string,
    deliveryId: string,
    expiresAt: number,
  ): Promise<boolean> {
    await this.knex('mlflow_webhook_deliveries')
      .where('expires_at', '<', this.now())
      .delete();
    try {
      await this.knex('mlflow_webhook_deliveries').insert({
        instance,
        delivery_id: deliveryId,
        expires_at: expiresAt,
      });
      return true;
    } catch (error) {
      // A key violation is the only expected failure; anything else (the database is down) is not a replay.
      const seen = await this.knex('mlflow_webhook_deliveries')
        .where({ instance, delivery_id: deliveryId })
        .first();
      if (seen) {
        return false;
      }
      throw error;
    }
  }
}
