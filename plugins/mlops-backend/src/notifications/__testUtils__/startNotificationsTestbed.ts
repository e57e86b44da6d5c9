import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { FeastClients } from '@mlops-portal/plugin-mlops-node';
import { FeastRegistryFake } from '@mlops-portal/sandbox';
import request from 'supertest';
import { startFeastStandIn } from '../../__testUtils__/startFeastStandIn';
import { FeatureViewStalenessWatch } from '../../featureViews/FeatureViewStalenessWatch';
import { FeatureViewStatusService } from '../../featureViews/FeatureViewStatusService';
import { StaleEpisodeStore } from '../../featureViews/StaleEpisodeStore';
import { promotionChangeListener } from '../../registry/promotionChangeListener';
import { PromotionStore } from '../../registry/PromotionStore';
import { rolloutChangeListener } from '../../rollouts/rolloutChangeListener';
import { RolloutStore } from '../../rollouts/RolloutStore';
import { applyMigrations } from '../../shared/database/applyMigrations';
import { BackstageMlopsNotifier } from '../BackstageMlopsNotifier';
import { ModelLiveUpdates } from '../ModelLiveUpdates';
import { NotificationsBackendClient } from '../NotificationsBackendClient';

export const AMIRA = 'user:default/amira.haddad';
export const JONAS = 'user:default/jonas.berg';
export const PRIYA = 'user:default/priya.nair';
export const DANA = 'user:default/dana.okafor';
export const MODEL = 'model:default/fraud-detector';
export const GATED = 'model:default/churn-predictor';
export const VIEW = 'featureview:default/merchant-risk';

const user = (name: string, group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  // amira.haddad → Amira Haddad, as the demo's org names people.
  spec: {
    profile: {
      displayName: name
        .split('.')
        .map(part => part[0].toUpperCase() + part.slice(1))
        .join(' '),
    },
  },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});
const group = (name: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
});
const model = (name: string, registry: object = {}): Entity => ({
  apiVersion: 'mlops.backstage.io/v1alpha1',
  kind: 'Model',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'fraud-ml', // relative: a Group in the Model's namespace
    registry: { provider: 'mlflow', modelName: name, ...registry },
    featureViews: ['featureview:merchant-risk'],
  },
});

/**
 * Amira and Jonas own both Models (fraud-ml), Priya approves churn-predictor's moves (model-approvers), Dana owns
 * the feature view both Models read (data-platform).
 */
const entities: Entity[] = [
  user('amira.haddad', 'fraud-ml'),
  user('jonas.berg', 'fraud-ml'),
  user('priya.nair', 'model-approvers'),
  user('dana.okafor', 'data-platform'),
  group('fraud-ml', [AMIRA, JONAS]),
  group('model-approvers', [PRIYA]),
  group('data-platform', [DANA]),
  model('fraud-detector'),
  model('churn-predictor', { approvers: 'model-approvers' }),
  {
    apiVersion: 'mlops.backstage.io/v1alpha1',
    kind: 'FeatureView',
    metadata: { name: 'merchant-risk', namespace: 'default' },
    spec: {
      lifecycle: 'production',
      owner: 'group:default/data-platform',
      entities: ['merchant_id'],
      features: [{ name: 'merchant_risk_score', type: 'FLOAT' }],
      feast: { project: 'fraud', name: 'merchant_risk' },
    },
  },
];

/** The plugin's stores, watch and notifier, wired as plugin.ts wires them. */
export type Wired = {
  notifier: BackstageMlopsNotifier;
  promotions: PromotionStore;
  rollouts: RolloutStore;
  watch: FeatureViewStalenessWatch;
};

/** One notification as the notifications backend's API lists it. */
export type ListedNotification = {
  id: string;
  origin: string;
  read?: string;
  payload: {
    title: string;
    description?: string;
    link?: string;
    severity: string;
    topic?: string;
    scope?: string;
  };
};

/**
 * The plugin's stores, listeners and notifier, wired as plugin.ts wires them in a plugin with the mlops id (the
 * notifications' origin), sending through Backstage's notifications backend (with signals), which resolves groups
 * to members through the catalog (the org above). Feature views are read from the sandbox's Feast registry
 * stand-in over HTTP, on a clock the test moves.
 */
export async function startNotificationsTestbed(): Promise<{
  wired: Wired;
  /** The sandbox's Feast registry behind the feature views. */
  feast: FeastRegistryFake;
  /** Moves the feature views' clock on. */
  advanceClock(ms: number): void;
  /** What `who` sees in the bell, newest first, read through the notifications backend's API. */
  inbox(who: string): Promise<ListedNotification[]>;
  /** Marks notifications read as `who`, through the notifications backend's API. */
  markRead(who: string, ids: string[]): Promise<void>;
  stop(): Promise<void>;
}> {
  const feast = await startFeastStandIn();
  let clock = Date.now();
  let wired: Wired | undefined;
  const mlopsUnderTest = createBackendPlugin({
    pluginId: 'mlops',
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          auth: coreServices.auth,
          logger: coreServices.logger,
          catalog: catalogServiceRef,
          discovery: coreServices.discovery,
          signals: signalsServiceRef,
        },
        async init({ database, discovery, signals, ...deps }) {
          const knex = await applyMigrations(database);
          const notifier = new BackstageMlopsNotifier({
            ...deps,
            notifications: new NotificationsBackendClient({
              discovery,
              auth: deps.auth,
            }),
          });
          const liveUpdates = new ModelLiveUpdates({ ...deps, signals });
          const featureViews = new FeatureViewStatusService({
            ...deps,
            feast: FeastClients.fromConfig(
              mockServices.rootConfig({
                data: {
                  mlops: {
                    feast: {
                      instances: [{ name: 'default', baseUrl: feast.url }],
                    },
                  },
                },
              }),
            ),
            now: () => clock,
          });
          wired = {
            notifier,
            promotions: new PromotionStore(
              knex,
              promotionChangeListener({ notifier, liveUpdates }),
            ),
            rollouts: new RolloutStore(
              knex,
              rolloutChangeListener({ notifier, liveUpdates }),
            ),
            watch: new FeatureViewStalenessWatch({
              ...deps,
              featureViews,
              episodes: new StaleEpisodeStore(knex),
              notifier,
            }),
          };
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      mlopsUnderTest,
      notificationsPlugin,
      signalsPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' } },
      }),
    ],
  });
  return {
    wired: wired!,
    feast: feast.fake,
    advanceClock: ms => {
      clock += ms;
    },
    inbox: async who => {
      const res = await request(backend.server)
        .get('/api/notifications/notifications')
        .set('Authorization', mockCredentials.user.header(who));
      expect(res.status).toBe(200);
      return res.body.notifications;
    },
    markRead: async (who, ids) => {
      await request(backend.server)
        .post('/api/notifications/notifications/update')
        .set('Authorization', mockCredentials.user.header(who))
        .send({ ids, read: true });
    },
    stop: async () => {
      await backend.stop();
      await feast.stop();
    },
  };
}
