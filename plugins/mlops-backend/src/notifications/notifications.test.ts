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
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { FeastClients } from '@mlops-portal/plugin-mlops-node';
import {
  FeastRegistryFake,
  feastRouter,
  seedFeast,
} from '@mlops-portal/sandbox';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { FeatureViewStalenessWatch } from '../featureViews/FeatureViewStalenessWatch';
import { FeatureViewStatusService } from '../featureViews/FeatureViewStatusService';
import { StaleEpisodeStore } from '../featureViews/StaleEpisodeStore';
import { promotionChangeListener } from '../registry/promotionChangeListener';
import { PromotionStore } from '../registry/PromotionStore';
import { rolloutChangeListener } from '../rollouts/rolloutChangeListener';
import { RolloutStore, StoredRollout } from '../rollouts/RolloutStore';
import { applyMigrations } from '../shared/database/applyMigrations';
import { NotificationsBackendClient } from './NotificationsBackendClient';
import { BackstageMlopsNotifier } from './BackstageMlopsNotifier';
import { ModelLiveUpdates } from './ModelLiveUpdates';

/*
 * Who hears what: the plugin's stores, listeners and notifier, wired as plugin.ts wires them, sending through
 * Backstage's notifications backend (with signals), which resolves groups to members through the catalog. Each
 * user's notifications are read back through that backend's own API.
 */

const AMIRA = 'user:default/amira.haddad';
const JONAS = 'user:default/jonas.berg';
const PRIYA = 'user:default/priya.nair';
const DANA = 'user:default/dana.okafor';
const MODEL = 'model:default/fraud-detector';
const GATED = 'model:default/churn-predictor';
const VIEW = 'featureview:default/merchant-risk';

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

type Wired = {
  notifier: BackstageMlopsNotifier;
  promotions: PromotionStore;
  rollouts: RolloutStore;
  watch: FeatureViewStalenessWatch;
};

describe('notifications', () => {
  let feast: Server;
  let feastFake: FeastRegistryFake;
  let clock: number;
  let wired: Wired;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeEach(async () => {
    feastFake = new FeastRegistryFake();
    seedFeast(feastFake);
    feast = express()
      .use('/feast', feastRouter(feastFake))
      .listen(0, '127.0.0.1');
    await new Promise(resolve => feast.once('listening', resolve));
    clock = Date.now();
    const feastUrl = `http://127.0.0.1:${
      (feast.address() as AddressInfo).port
    }/feast`;
    // The plugin's pieces, as plugin.ts composes them, in a plugin with the mlops id (notification origin).
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
                        instances: [{ name: 'default', baseUrl: feastUrl }],
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
    backend = await startTestBackend({
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
  });

  afterEach(async () => {
    await backend.stop();
    await new Promise(resolve => feast.close(resolve));
  });

  /** What `user` sees in the bell, newest first. */
  const inbox = async (who: string) => {
    const res = await request(backend.server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(who));
    expect(res.status).toBe(200);
    return res.body.notifications as Array<{
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
    }>;
  };

  const pending = (entityRef = MODEL): PromotionRecord => ({
    id: `p-${entityRef.length}-${Math.random().toString(36).slice(2)}`,
    entityRef,
    instance: 'default',
    registeredModel: 'fraud-detector',
    action: 'promote',
    alias: 'champion',
    fromVersion: '4',
    toVersion: '6',
    reason: 'v6 beats v4 on AUC',
    state: 'pending_approval',
    requestedBy: AMIRA,
    requestedAt: new Date().toISOString(),
    gates: [],
  });

  it('asks the other owners, not the requester, to approve a protected move, linking to the request', async () => {
    const record = pending();
    await wired.promotions.insertLocked(record);

    expect(await inbox(AMIRA)).toEqual([]);
    const [asked] = await inbox(JONAS);
    expect(asked).toMatchObject({
      origin: 'plugin:mlops',
      payload: {
        title: 'fraud-detector: champion → v6 waits for your approval',
        link: `/catalog/default/model/fraud-detector/registry?promotion=${record.id}`,
        severity: 'high',
        topic: MODEL,
        scope: `mlops:promotion:${record.id}`,
      },
    });
    expect(asked.payload.description).toContain('Amira Haddad asks to move');
    expect(await inbox(PRIYA)).toEqual([]);
  });

  it('asks the approvers group a Model names instead of its owners', async () => {
    await wired.promotions.insertLocked(pending(GATED));
    expect(await inbox(PRIYA)).toHaveLength(1);
    expect(await inbox(JONAS)).toEqual([]);
    expect(await inbox(AMIRA)).toEqual([]);
  });

  it('tells the requester the decision, and nobody else', async () => {
    const record = pending();
    await wired.promotions.insertLocked(record);
    await wired.promotions.transition(record.id, 'pending_approval', {
      state: 'rejected',
      decidedBy: JONAS,
      decisionComment: 'shadow metrics are too thin',
      decidedAt: new Date().toISOString(),
    });

    const [decided] = await inbox(AMIRA);
    expect(decided.payload).toMatchObject({
      title: 'fraud-detector: your request champion → v6 was rejected',
      description: 'Jonas Berg rejected it: shadow metrics are too thin',
      severity: 'high',
      topic: MODEL,
    });
    // Jonas has only the request he was asked to decide.
    expect((await inbox(JONAS)).map(n => n.payload.title)).toEqual([
      'fraud-detector: champion → v6 waits for your approval',
    ]);
  });

  it('tells the requester, and nobody else, that the pull request was merged or closed without merging', async () => {
    const waiting = (number: number): PromotionRecord => ({
      ...pending(),
      state: 'pending_pull_request',
      pullRequest: {
        number,
        url: `https://github.example.com/acme/ml-deploy/pull/${number}`,
        state: 'open',
        repoUrl: 'https://github.example.com/acme/ml-deploy',
        path: 'deploy/aliases.yaml',
      },
    });
    const settle = async (
      record: PromotionRecord,
      update: Parameters<PromotionStore['transition']>[2],
    ) => {
      await wired.promotions.insertLocked(record);
      // Waiting for a pull request is no news to the owners: the review happens on the Git host.
      expect(await inbox(JONAS)).toEqual([]);
      expect(
        await wired.promotions.transition(
          record.id,
          'pending_pull_request',
          update,
        ),
      ).toBe(true);
    };
    const at = new Date().toISOString();

    const merged = waiting(12);
    await settle(merged, {
      state: 'completed',
      completedAt: at,
      decidedAt: at,
      decisionComment: 'merged through pull request #12 by tom-okafor',
      pullRequest: {
        ...merged.pullRequest!,
        state: 'merged',
        mergedBy: 'tom-okafor',
        mergedAt: at,
      },
    });
    const [done] = await inbox(AMIRA);
    expect(done.payload).toMatchObject({
      title:
        'fraud-detector: champion → v6 merged through pull request #12 by tom-okafor',
      link: `/catalog/default/model/fraud-detector/registry?promotion=${merged.id}`,
      severity: 'normal',
      topic: MODEL,
      scope: `mlops:promotion:${merged.id}`,
    });
    expect(done.payload.description).toContain(merged.pullRequest!.url);

    const closed = waiting(13);
    await settle(closed, {
      state: 'rejected',
      decidedAt: at,
      decisionComment: 'pull request #13 was closed without merging',
      pullRequest: { ...closed.pullRequest!, state: 'closed', closedAt: at },
    });
    // One notification per promotion: the closed one's does not replace the merged one's.
    const notifications = await inbox(AMIRA);
    expect(notifications.map(n => n.payload.scope).sort()).toEqual(
      [`mlops:promotion:${closed.id}`, `mlops:promotion:${merged.id}`].sort(),
    );
    expect(
      notifications.find(
        n => n.payload.scope === `mlops:promotion:${closed.id}`,
      )?.payload,
    ).toMatchObject({
      title:
        'fraud-detector: champion → v6: pull request #13 closed without merging',
      description: `Nothing moved: champion stays at v4. ${
        closed.pullRequest!.url
      }`,
      severity: 'high',
    });
    expect(await inbox(JONAS)).toEqual([]);
    expect(await inbox(PRIYA)).toEqual([]);
  });

  describe('rollouts', () => {
    const rollout = (): StoredRollout => {
      const now = new Date().toISOString();
      return {
        id: 'r-1',
        entityRef: MODEL,
        candidateVersion: '6',
        baselineVersion: '4',
        alias: 'champion',
        target: {
          platform: 'seldon',
          cluster: 'prod-eu',
          namespace: 'fraud',
          name: 'fraud-detector',
          modelUri: 'models:/fraud-detector/6',
        },
        strategy: 'canary',
        steps: [{ weight: 10, pause: 'PT1M' }] as any,
        analysis: [],
        stepIndex: 0,
        state: 'Progressing',
        createdBy: AMIRA,
        createdAt: now,
        updatedAt: now,
        nextCheckAt: Date.now(),
      };
    };
    const move = async (
      current: StoredRollout,
      state: StoredRollout['state'],
      stateReason: string,
    ) => {
      const next = {
        ...current,
        state,
        stateReason,
        updatedAt: new Date(Date.parse(current.updatedAt) + 1).toISOString(),
      };
      expect(
        await wired.rollouts.save(next, current, [
          {
            type: 'transition',
            at: next.updatedAt,
            actor: 'mlops:rollout-engine',
            stepIndex: 0,
            from: current.state,
            to: state,
            reason: stateReason,
          },
        ]),
      ).toBe(true);
      return next;
    };

    it('tells the owners when a rollout pauses, with the reason, and keeps one notification per rollout', async () => {
      let r = rollout();
      await wired.rollouts.create(r, {
        type: 'transition',
        at: r.createdAt,
        actor: AMIRA,
        stepIndex: 0,
        to: 'Progressing',
        reason: 'started',
      });
      expect(await inbox(JONAS)).toEqual([]); // starting is not news

      r = await move(r, 'Paused', 'error_rate 4.1% above 2% on the canary');
      for (const owner of [AMIRA, JONAS]) {
        const [paused] = await inbox(owner);
        expect(paused.payload).toMatchObject({
          title: 'fraud-detector: rollout of v6 paused',
          description: 'error_rate 4.1% above 2% on the canary',
          link: '/catalog/default/model/fraud-detector/deployment',
          severity: 'normal',
          topic: MODEL,
          scope: 'mlops:rollout:r-1',
        });
      }
      expect(await inbox(DANA)).toEqual([]);

      // It flaps: resumed, paused again, then rolled back: still one notification, now saying the last state.
      r = await move(r, 'Progressing', 'resumed by amira');
      r = await move(r, 'Paused', 'latency p99 above 250 ms');
      r = await move(r, 'RolledBack', 'aborted after two pauses');
      const notifications = await inbox(JONAS);
      expect(notifications).toHaveLength(1);
      expect(notifications[0].payload).toMatchObject({
        title: 'fraud-detector: rollout of v6 rolled back',
        severity: 'high',
      });
    });

    it('says a failed rollout is critical and a success is low', async () => {
      const first = rollout();
      await wired.rollouts.create(first, {
        type: 'transition',
        at: first.createdAt,
        actor: AMIRA,
        stepIndex: 0,
        to: 'Progressing',
        reason: 'started',
      });
      await move(first, 'Failed', 'the candidate never became ready');
      expect((await inbox(AMIRA))[0].payload.severity).toBe('critical');

      const second = { ...rollout(), id: 'r-2' };
      await wired.rollouts.create(second, {
        type: 'transition',
        at: second.createdAt,
        actor: AMIRA,
        stepIndex: 0,
        to: 'Progressing',
        reason: 'started',
      });
      await move(second, 'Succeeded', 'all steps passed');
      const [succeeded] = await inbox(AMIRA);
      expect(succeeded.payload).toMatchObject({
        title: 'fraud-detector: rollout of v6 succeeded',
        severity: 'low',
        scope: 'mlops:rollout:r-2',
      });
    });
  });

  it('tells the owners a retraining started on drift, with the reason and the Kubeflow run', async () => {
    await wired.notifier.retrainingStarted({
      entityRef: MODEL,
      reason: 'dataset drifted: amount, merchant_country (40% of features)',
      runId: 'run-42',
      pipelineRef: 'pipeline:default/fraud-detector-training',
    });
    const [started] = await inbox(JONAS);
    expect(started.payload).toMatchObject({
      title: 'fraud-detector: retraining started on drift',
      link: '/catalog/default/pipeline/fraud-detector-training/runs',
      topic: MODEL,
    });
    expect(started.payload.description).toContain('amount, merchant_country');
    expect(started.payload.description).toContain('run-42');
  });

  it('tells the owners of a stale feature view and of its consumers once per episode', async () => {
    await wired.watch.checkAll(); // merchant_risk is seeded stale
    await wired.watch.checkAll(); // the same episode: nothing new
    const [stale] = await inbox(DANA);
    expect(stale.payload).toMatchObject({
      title: 'merchant-risk is stale',
      topic: VIEW,
      severity: 'high',
    });
    expect(stale.payload.description).toContain(GATED);
    // Ages in words: the sandbox's Feast holds merchant_risk's TTL of 2 days.
    expect(stale.payload.description).toMatch(
      /^last materialized \d+ (h|days) ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\); TTL 48 h\./,
    );
    expect(await inbox(DANA)).toHaveLength(1);
    expect(await inbox(AMIRA)).toHaveLength(1); // owns both consuming Models, hears once

    // Marked read, it stays read while the episode lasts (a restart or a second replica included).
    await request(backend.server)
      .post('/api/notifications/notifications/update')
      .set('Authorization', mockCredentials.user.header(DANA))
      .send({ ids: [stale.id], read: true });
    await wired.watch.checkAll();
    expect((await inbox(DANA))[0].read).toBeTruthy();

    // Fresh again ends the episode; stale again (three days on) is a new one: unread again.
    feastFake.materialize('fraud', 'merchant_risk');
    await wired.watch.checkAll();
    clock += 3 * 86_400_000;
    await wired.watch.checkAll();
    const again = await inbox(DANA);
    expect(again).toHaveLength(1);
    expect(again[0].read).toBeFalsy();
  });
});
