import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import {
  MlflowFake,
  mlflowHandlers,
  MLFLOW_TEST_URL,
  seedMlflow,
} from '@mlops-portal/sandbox';
import knexFactory, { Knex } from 'knex';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { memoryCache } from '../__testUtils__/memoryCache';
import { fraudDetectorModel } from '../__testUtils__/startMlopsBackend';
import { applyMigrations } from '../shared/database/applyMigrations';
import { ModelRegistries } from '../shared/ModelRegistries';
import { AliasMover } from './AliasMover';
import { PromotionReconciler } from './PromotionReconciler';
import { PromotionStore } from './PromotionStore';

/*
 * Reconciliation of moves whose outcome is unknown, against MLflow's wire format (msw serving the sandbox's
 * MLflow fake) and the plugin's store on SQLite: a move that landed late is completed, one that never landed is
 * failed once the settle window has passed, and an unreachable MLflow settles nothing.
 */
describe('PromotionReconciler', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let knex: Knex;
  let fake: MlflowFake;
  let store: PromotionStore;
  let reconciler: PromotionReconciler;
  const moved: PromotionRecord[] = [];
  const logger = mockServices.logger.mock();

  beforeEach(async () => {
    fake = new MlflowFake();
    seedMlflow(fake);
    server.use(...mlflowHandlers(fake));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations({ getClient: async () => knex } as any);
    store = new PromotionStore(knex);
    moved.length = 0;
    const aliases = new AliasMover({
      store,
      logger,
      onAliasMoved: async record => {
        moved.push(record);
      },
    });
    const registries = new ModelRegistries([
      new MlflowModelRegistry(
        MlflowClients.fromConfig(
          new ConfigReader({
            mlops: {
              mlflow: {
                instances: [
                  { name: 'default', baseUrl: MLFLOW_TEST_URL, maxAttempts: 1 },
                ],
              },
            },
          }),
        ),
        memoryCache(),
      ),
    ]);
    const model = fraudDetectorModel();
    reconciler = new PromotionReconciler({
      store,
      aliases,
      registries,
      catalog: { getEntityByRef: async () => model } as any,
      auth: mockServices.auth(),
      logger,
      settleAfterSeconds: 300,
    });
  });
  afterEach(() => knex.destroy());

  /** A move of challenger 6 → 3. */
  const moveOf = (requestedAt: Date): PromotionRecord => ({
    id: `move-${requestedAt.getTime()}`,
    entityRef: 'model:default/fraud-detector',
    instance: 'default',
    registeredModel: 'fraud-detector',
    action: 'promote',
    alias: 'challenger',
    fromVersion: '6',
    toVersion: '3',
    reason: 'x v3',
    state: 'in_progress',
    requestedBy: 'user:default/amira.haddad',
    requestedAt: requestedAt.toISOString(),
    gates: [],
  });

  /** A move whose outcome MLflow never confirmed, as the AliasMover records it. */
  async function unknownMove(requestedAt = new Date()) {
    const record = moveOf(requestedAt);
    await store.insertLocked(record);
    await store.transition(record.id, 'in_progress', {
      state: 'unknown',
      error: 'no answer',
    });
    return record;
  }

  /** Whether the alias is free to move again (its lock released). */
  const lockFree = async () =>
    store.insertLocked({ ...moveOf(new Date(0)), id: 'probe' }).then(
      () => true,
      () => false,
    );

  it('records a move that landed late as completed, with when that was learned, and releases the lock', async () => {
    const record = await unknownMove();
    fake.setAlias('fraud-detector', 'challenger', '3');
    await reconciler.reconcileAll();
    const settled = await store.get(record.id);
    expect(settled).toMatchObject({
      state: 'completed',
      error: expect.stringMatching(
        /landed after the registry failed to confirm it/,
      ),
    });
    expect(settled!.outcomeLearnedAt).toBeDefined();
    expect(settled!.completedAt).toBe(settled!.outcomeLearnedAt);
    expect(moved.map(m => m.id)).toEqual([record.id]);
    expect(await lockFree()).toBe(true);
    expect(
      (await store.lastCompletedMoves(record.entityRef)).get('challenger')?.id,
    ).toBe(record.id);
  });

  it('leaves a move that has not landed unknown within the settle window, and fails it after', async () => {
    const requestedAt = new Date('2026-12-01T10:00:00Z');
    const record = await unknownMove(requestedAt);
    await reconciler.reconcileAll(requestedAt.getTime() + 60_000);
    expect((await store.get(record.id))!.state).toBe('unknown');

    await reconciler.reconcileAll(requestedAt.getTime() + 301_000);
    const settled = await store.get(record.id);
    expect(settled).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(
        /never applied it: alias 'challenger' points at 6; learned by reconciliation/,
      ),
    });
    expect(settled!.outcomeLearnedAt).toBeDefined();
    expect(moved).toEqual([]);
  });

  it('settles nothing while MLflow cannot be reached, and keeps the alias locked', async () => {
    const record = await unknownMove(new Date('2026-12-01T10:00:00Z'));
    server.use(http.all(`${MLFLOW_TEST_URL}/*`, () => HttpResponse.error()));
    await reconciler.reconcileAll(Date.parse('2026-12-01T11:00:00Z'));
    expect((await store.get(record.id))!.state).toBe('unknown');
    server.resetHandlers(...mlflowHandlers(fake));
    expect(await lockFree()).toBe(false);
  });
});
