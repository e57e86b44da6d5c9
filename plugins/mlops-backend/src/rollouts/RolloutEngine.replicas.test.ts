import { mockCredentials } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { RolloutStore } from './RolloutStore';
import {
  quickRollout,
  RolloutTestbed,
  startRolloutTestbed,
} from '../__testUtils__/rolloutTestbed';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/*
 * Two backend replicas share one database and tick at the same moments (no scheduler lock to help them): each
 * step's traffic change, each measurement and the final promotion must still happen exactly once. On PostgreSQL
 * each replica has its own connection pool, as separate processes would.
 */
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'rollout engine replicas on %s',
  databaseId => {
    let knex: Knex;
    let second: Knex;
    let t: RolloutTestbed;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      second = databaseId.startsWith('POSTGRES')
        ? knexFactory(knex.client.config)
        : knex;
      t = await startRolloutTestbed({ knex });
    });

    afterEach(async () => {
      await t?.stop();
      if (second !== knex) {
        await second.destroy();
      }
    });

    it('advances each rollout once per decision, whichever replica gets there first', async () => {
      const started = await t.service.start(
        {
          entityRef: 'model:default/fraud-detector',
          version: '6',
          ...quickRollout,
        },
        mockCredentials.user('user:default/amira.haddad'),
      );
      const replicas = [t.makeEngine(), t.makeEngine(new RolloutStore(second))];
      const done = await t.runUntilSettled(started.id, () => replicas);
      expect(done.state).toBe('Succeeded');
      expect(await t.champion()).toBe('6');

      const events = await t.store.events(started.id);
      expect(
        events.flatMap(e =>
          e.type === 'transition' ? [`${e.stepIndex}: ${e.reason}`] : [],
        ),
      ).toEqual([
        '0: started: v4 → v6',
        '0: step 1: canary at 25%',
        '0: step 1 passed its analysis',
        '1: step 2: canary at 100%',
        '1: all steps passed their analysis',
      ]);
      // Each metric is measured `count` (2) times per step: no replica's measurement is lost or doubled.
      const measured = events.flatMap(e =>
        e.type === 'measurement' ? [`${e.stepIndex} ${e.metric}`] : [],
      );
      expect(measured.sort()).toEqual([
        '0 error-rate',
        '0 error-rate',
        '0 p99-latency',
        '0 p99-latency',
        '1 error-rate',
        '1 error-rate',
        '1 p99-latency',
        '1 p99-latency',
      ]);
      const history = await t.promotionStore.list(
        'model:default/fraud-detector',
      );
      expect(history.map(p => `${p.alias} → ${p.toVersion}`)).toEqual([
        'champion → 6',
      ]);
    });
  },
);
