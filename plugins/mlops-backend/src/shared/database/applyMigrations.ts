import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The plugin's knex client, with its migrations applied unless the database service says to skip them. */
export async function applyMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@mlops-portal/plugin-mlops-backend',
        'migrations',
      ),
      tableName: 'mlops_knex_migrations',
    });
  }
  return knex;
}
