import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import {
  MODEL_REGISTRY_EVENTS_TOPIC,
  ModelRegistryEvent,
} from '@mlops-portal/plugin-mlops-node';
import { MLFLOW_TEST_URL } from '@mlops-portal/sandbox';
import knexFactory, { Knex } from 'knex';
import { memoryCache } from '../__testUtils__/memoryCache';
import { fraudDetectorModel } from '../__testUtils__/startMlopsBackend';
import { applyMigrations } from '../shared/database/applyMigrations';
import { ModelRegistries } from '../shared/ModelRegistries';
import { PromotionStore } from './PromotionStore';
import {
  OUTSIDE_THE_PORTAL,
  RegistryEventsListener,
} from './RegistryEventsListener';

const REF = 'model:default/fraud-detector';
const SENT_AT = '2026-12-02T09:59:59.123Z';

/*
 * What a registry reported by itself (as the MLflow module publishes verified webhooks on `mlops.registry`),
 * through an EventsService into the plugin's history on SQLite: outside moves recorded as such, the portal's
 * own moves recognised, owners told of protected aliases only.
 */
describe('RegistryEventsListener', () => {
  let knex: Knex;
  let store: PromotionStore;
  let events: ReturnType<typeof mockServices.events>;
  const told: PromotionRecord[] = [];

  const publish = (
    event: Partial<ModelRegistryEvent> & Pick<ModelRegistryEvent, 'type'>,
  ) =>
    events.publish({
      topic: MODEL_REGISTRY_EVENTS_TOPIC,
      eventPayload: {
        provider: 'mlflow',
        instance: 'default',
        registeredModel: 'fraud-detector',
        sentAt: SENT_AT,
        deliveryId: 'd-1',
        ...event,
      },
    });

  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations({ getClient: async () => knex } as any);
    store = new PromotionStore(knex);
    told.length = 0;
    const config = new ConfigReader({
      mlops: {
        mlflow: {
          instances: [
            { name: 'default', baseUrl: MLFLOW_TEST_URL },
            { name: 'staging', baseUrl: MLFLOW_TEST_URL },
          ],
        },
      },
    });
    events = mockServices.events();
    await new RegistryEventsListener({
      store,
      registries: new ModelRegistries([
        new MlflowModelRegistry(
          MlflowClients.fromConfig(config),
          memoryCache(),
        ),
      ]),
      catalog: catalogServiceMock({ entities: [fraudDetectorModel()] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      onOutsideMove: async record => {
        told.push(record);
      },
    }).subscribe(events);
  });

  afterEach(() => knex.destroy());

  it('records an alias set outside the portal, at the time the registry sent it, and tells the owners', async () => {
    await store.insert({
      id: 'p-1',
      entityRef: REF,
      instance: 'default',
      registeredModel: 'fraud-detector',
      action: 'promote',
      alias: 'champion',
      toVersion: '3',
      reason: 'better recall',
      state: 'completed',
      requestedBy: 'user:default/amira.haddad',
      requestedAt: '2026-12-01T10:00:00.000Z',
      completedAt: '2026-12-01T10:00:01.000Z',
      gates: [],
    });

    await publish({ type: 'alias.set', alias: 'champion', version: '2' });

    const history = await store.list(REF, { alias: 'champion' });
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      state: 'completed',
      fromVersion: '3',
      toVersion: '2',
      requestedBy: OUTSIDE_THE_PORTAL,
      requestedAt: SENT_AT,
      completedAt: SENT_AT,
      reason: expect.stringMatching(/outside the portal \(delivery d-1\)/),
    });
    expect(told.map(r => r.id)).toEqual([history[1].id]);
    // The registry view will now say since when and by whom the alias points where it does.
    expect((await store.lastCompletedMoves(REF)).get('champion')).toMatchObject(
      { toVersion: '2', requestedBy: OUTSIDE_THE_PORTAL },
    );
  });

  it("skips the echo of the portal's own move, even one still in progress", async () => {
    await store.insert({
      id: 'p-2',
      entityRef: REF,
      instance: 'default',
      registeredModel: 'fraud-detector',
      action: 'promote',
      alias: 'champion',
      toVersion: '4',
      reason: 'rollout',
      state: 'in_progress',
      requestedBy: 'user:default/amira.haddad',
      requestedAt: '2026-12-02T09:59:58.000Z',
      gates: [],
    });

    await publish({ type: 'alias.set', alias: 'champion', version: '4' });

    expect(await store.list(REF)).toHaveLength(1);
    expect(told).toEqual([]);
  });

  it('records unprotected aliases without telling anyone, and ignores other instances and versions', async () => {
    await publish({ type: 'alias.set', alias: 'challenger', version: '5' });
    await publish({
      type: 'alias.set',
      alias: 'champion',
      version: '5',
      instance: 'staging',
    });
    await publish({
      type: 'version.created',
      version: '6',
      tags: { kfp_run_id: 'run-1' },
    });

    const history = await store.list(REF);
    expect(history.map(r => [r.alias, r.toVersion])).toEqual([
      ['challenger', '5'],
    ]);
    expect(told).toEqual([]);
  });

  it('records the removal of a protected alias, not of an unprotected one', async () => {
    await publish({ type: 'alias.deleted', alias: 'shadow' });
    await publish({ type: 'alias.deleted', alias: 'champion' });

    const history = await store.list(REF);
    expect(history).toEqual([
      expect.objectContaining({
        alias: 'champion',
        toVersion: '',
        requestedBy: OUTSIDE_THE_PORTAL,
      }),
    ]);
    expect(told).toHaveLength(1);
  });
});
