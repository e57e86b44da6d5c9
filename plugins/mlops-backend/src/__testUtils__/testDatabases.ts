import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * SQLite always, plus every PostgreSQL named by BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING.
 * scripts/test.sh starts one and sets MLOPS_REQUIRE_POSTGRES, so a missing server fails the suite instead of
 * skipping PostgreSQL silently.
 */
export function createTestDatabases(): TestDatabases {
  const postgresIds = Object.keys(process.env).flatMap(name => {
    const major =
      /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(
        name,
      )?.[1];
    return major ? [`POSTGRES_${major}` as TestDatabaseId] : [];
  });
  if (process.env.MLOPS_REQUIRE_POSTGRES && postgresIds.length === 0) {
    throw new Error(
      'MLOPS_REQUIRE_POSTGRES is set but no PostgreSQL connection string is',
    );
  }
  return TestDatabases.create({ ids: ['SQLITE_3', ...postgresIds] });
}
