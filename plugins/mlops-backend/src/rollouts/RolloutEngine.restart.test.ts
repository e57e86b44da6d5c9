import { mockCredentials } from '@backstage/backend-test-utils';
import { ROLLOUT_CLAIM_KEY } from '@mlops-portal/plugin-mlops-node';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  quickRollout,
  startRolloutTestbed,
  TESTBED_PORTAL,
} from '../__testUtils__/rolloutTestbed';
import { PromotionStore } from '../registry/PromotionStore';
import { RolloutStore } from './RolloutStore';

jest.setTimeout(120_000);

/*
 * The default embedded database is a SQLite file (app-config.yaml: backend.database.connection.directory). A
 * backend killed in the middle of a canary and started again on the same file finds its rollout, its claim on
 * the serving object and the promotion history, and finishes the canary.
 */
describe('rollout engine restart on the SQLite file', () => {
  let dir: string;
  const open = () =>
    knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'mlops.sqlite') },
      useNullAsDefault: true,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlops-restart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes a running canary after the backend and its database connection went away', async () => {
    let knex: Knex = open();
    const t = await startRolloutTestbed({ knex });
    try {
      const started = await t.service.start(
        {
          entityRef: 'model:default/fraud-detector',
          version: '6',
          ...quickRollout,
        },
        mockCredentials.user('user:default/amira.haddad'),
      );
      // The first engine sets up the first step (the canary at 25%, claimed) and then is gone, connection and all.
      const first = t.makeEngine();
      await t.runUntil(
        started.id,
        r => Boolean(r.stepStartedAt),
        () => [first],
      );
      const claimed = (await t.seldon()).metadata.annotations[
        ROLLOUT_CLAIM_KEY
      ];
      expect(JSON.parse(claimed)).toEqual({
        rollout: started.id,
        instance: TESTBED_PORTAL,
      });
      await knex.destroy();

      // A new process: a new connection to the same file, a new engine.
      knex = open();
      const store = new RolloutStore(knex);
      const found = await store.get(started.id);
      expect(found).toMatchObject({ state: 'Progressing', stepIndex: 0 });
      const second = t.makeEngine(store, new PromotionStore(knex));
      let done = found!;
      for (let i = 0; i < 120 && done.state === 'Progressing'; i++) {
        await second.tick();
        done = (await store.get(started.id))!;
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      expect(done.state).toBe('Succeeded');
      expect(await t.champion()).toBe('6');
      // The claim is gone with the rollout, and the history survived the restart.
      expect(
        (await t.seldon()).metadata.annotations?.[ROLLOUT_CLAIM_KEY],
      ).toBeUndefined();
      const history = await new PromotionStore(knex).list(
        'model:default/fraud-detector',
      );
      expect(
        history.map(p => `${p.alias} → ${p.toVersion} ${p.state}`),
      ).toEqual(['champion → 6 completed']);
    } finally {
      await t.stop();
      await knex.destroy().catch(() => undefined);
    }
  });
});
