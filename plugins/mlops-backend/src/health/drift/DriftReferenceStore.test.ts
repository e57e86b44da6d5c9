import { Knex } from 'knex';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { applyMigrations } from '../../shared/database/applyMigrations';
import { DriftReferenceStore } from './DriftReferenceStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ENTITY_REF = 'model:default/fraud-detector';
const distributions = {
  numerical: { amount: { upperBounds: [10, Infinity], counts: [3, 1] } },
  categorical: { country: { de: 2 } },
};

/*
 * References are kept per Model, source and champion version, on SQLite and PostgreSQL; a row from before the
 * source column counts as a first look.
 */
describe.each(databases.eachSupportedId())(
  'DriftReferenceStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DriftReferenceStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await applyMigrations({ getClient: async () => knex } as any);
    });

    it('finds the newest reference of a source and version, and keeps older rows as first looks', async () => {
      await knex('mlops_drift_references').where({}).delete();
      store = new DriftReferenceStore(knex);
      // A row as the portal wrote it before references had a source: the column's default applies.
      await knex('mlops_drift_references').insert({
        entity_ref: ENTITY_REF,
        version: '3',
        reason: 'v3 became champion',
        distributions: JSON.stringify(distributions, (_k, v) =>
          v === Infinity ? '+Inf' : v,
        ),
        captured_at: Date.parse('2026-11-01T00:00:00Z'),
      });
      for (const [source, version, at] of [
        ['training-run', '4', '2026-11-02T00:00:00Z'],
        ['training-run', '4', '2026-11-03T00:00:00Z'],
        ['after-promotion', '4', '2026-11-04T00:00:00Z'],
        ['first-look', undefined, '2026-11-05T00:00:00Z'],
      ] as const) {
        await store.add({
          entityRef: ENTITY_REF,
          source,
          version,
          reason: `${source} ${at}`,
          capturedAt: new Date(at).toISOString(),
          distributions,
        });
      }
      const training = await store.find(ENTITY_REF, 'training-run', '4');
      expect(training).toEqual({
        entityRef: ENTITY_REF,
        source: 'training-run',
        version: '4',
        reason: 'training-run 2026-11-03T00:00:00Z',
        capturedAt: '2026-11-03T00:00:00.000Z',
        distributions,
      });
      expect(
        (await store.find(ENTITY_REF, 'first-look', undefined))?.reason,
      ).toBe('first-look 2026-11-05T00:00:00Z');
      expect((await store.find(ENTITY_REF, 'first-look', '3'))?.reason).toBe(
        'v3 became champion',
      );
      expect(await store.find(ENTITY_REF, 'training-run', '3')).toBeUndefined();
      expect(
        await store.find('model:default/other', 'training-run', '4'),
      ).toBeUndefined();
    });
  },
);
