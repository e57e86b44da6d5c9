import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { modelEntityV1alpha1Schema } from '@mlops-portal/plugin-mlops-common';
import {
  createSandboxApp,
  SANDBOX_KUBERNETES_TOKEN,
} from '@mlops-portal/sandbox';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KubernetesClusters } from '../../clients/kubernetes/KubernetesClusters';
import { MlflowClients } from '../../clients/mlflow/MlflowClients';
import { PrometheusClient } from '../../clients/prometheus/PrometheusClient';
import { applyMigrations } from '../../database/applyMigrations';
import { PromotionStore } from '../../database/PromotionStore';
import { RolloutStore } from '../../database/RolloutStore';
import { sandboxClusterConfig } from '../../__testUtils__/sandboxClusters';
import { startPrometheus } from '../../__testUtils__/startPrometheus';
import { ModelEntities } from '../ModelEntities/ModelEntities';
import { RunMetricsCache } from '../ModelRegistryService/RunMetricsCache';
import { PromotionService } from '../PromotionService/PromotionService';
import { KServeTrafficRouter } from '../TrafficRouting/KServeTrafficRouter';
import { SeldonV1TrafficRouter } from '../TrafficRouting/SeldonV1TrafficRouter';
import { RolloutEngine } from './RolloutEngine';
import { RolloutService } from './RolloutService';

jest.setTimeout(120_000);

/*
 * Whole canary rollouts: the engine shifts traffic on the sandbox's SeldonDeployment through the real
 * @kubernetes/client-node, a real Prometheus scrapes the sandbox's Seldon metrics, and the registry alias moves
 * in the sandbox's MLflow. Steps and analysis are shortened to seconds.
 */
const user = mockCredentials.user('user:default/amira.haddad');
const quick = {
  steps: [
    { weight: 25, durationSeconds: 2 },
    { weight: 100, durationSeconds: 0 },
  ],
  analysis: {
    intervalSeconds: 1,
    initialDelaySeconds: 5,
    count: 2,
    consecutiveErrorLimit: 0,
  },
};
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('canary rollouts end to end', () => {
  let sandbox: Server;
  let sandboxUrl: string;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let knex: Knex;
  let makeEngine: () => RolloutEngine;
  let service: RolloutService;
  let store: RolloutStore;

  beforeEach(async () => {
    sandbox = createSandboxApp({ trafficTickMs: 100 }).listen(0, '127.0.0.1');
    await new Promise(resolve => sandbox.once('listening', resolve));
    const port = (sandbox.address() as AddressInfo).port;
    sandboxUrl = `http://127.0.0.1:${port}`;
    prometheus = await startPrometheus(
      `127.0.0.1:${port}`,
      '/model-metrics/metrics',
    );
    const config = new ConfigReader({
      mlops: {
        mlflow: {
          instances: [{ name: 'default', baseUrl: `${sandboxUrl}/mlflow` }],
        },
      },
      kubernetes: sandboxClusterConfig(`${sandboxUrl}/kubernetes`),
    });
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations({ getClient: async () => knex } as any);
    store = new RolloutStore(knex);
    const model = JSON.parse(
      JSON.stringify(modelEntityV1alpha1Schema.examples[0]),
    );
    model.spec.serving = {
      platform: 'seldon',
      cluster: 'sandbox',
      namespace: 'fraud',
      resourceName: 'fraud-detector',
    };
    const models = new ModelEntities({
      getEntityByRef: async () => model,
    } as any);
    const clients = MlflowClients.fromConfig(config);
    const clusters = KubernetesClusters.fromConfig(config);
    const permissions = mockServices.permissions();
    const promotions = new PromotionService({
      models,
      clients,
      store: new PromotionStore(knex),
      runMetrics: new RunMetricsCache(),
      permissions,
      logger: mockServices.logger.mock(),
    });
    const promClient = new PrometheusClient({
      name: 'test',
      baseUrl: prometheus.url,
      timeoutMs: 2000,
    });
    // A fresh Prometheus takes a moment to start scraping; rollouts should meet a warm one.
    for (let i = 0; i < 60; i++) {
      const scrapes = await promClient
        .query('count_over_time(sandbox_up[10s])')
        .catch(() => []);
      if ((scrapes[0]?.value ?? 0) >= 2) {
        break;
      }
      await sleep(250);
    }
    makeEngine = () =>
      new RolloutEngine({
        store,
        routers: {
          seldon: new SeldonV1TrafficRouter(clusters),
          kserve: new KServeTrafficRouter(clusters),
        },
        promotions,
        modelInfo: async () => ({
          registeredModel: 'fraud-detector',
          prometheus: () => promClient,
          window: '4s',
        }),
        logger: mockServices.logger.mock(),
      });
    service = new RolloutService({
      models,
      clients,
      store,
      engine: makeEngine(),
      permissions,
    });
  });

  afterEach(async () => {
    await prometheus?.stop();
    await new Promise(resolve => sandbox.close(resolve));
    await knex.destroy();
  });

  async function runUntilSettled(id: string, engines: () => RolloutEngine) {
    for (let i = 0; i < 120; i++) {
      await engines().tick();
      const rollout = await store.get(id);
      if (rollout!.state !== 'Progressing') {
        return rollout!;
      }
      await sleep(250);
    }
    throw new Error('rollout did not settle');
  }

  const seldon = async () =>
    (await (
      await fetch(
        `${sandboxUrl}/kubernetes/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector`,
        {
          headers: { Authorization: `Bearer ${SANDBOX_KUBERNETES_TOKEN}` },
        },
      )
    ).json()) as any;
  const champion = async () =>
    (
      (await (
        await fetch(
          `${sandboxUrl}/mlflow/api/2.0/mlflow/registered-models/get?name=fraud-detector`,
        )
      ).json()) as any
    ).registered_model.aliases.find((a: any) => a.alias === 'champion').version;

  it('takes a healthy canary through every step, survives an engine restart, and moves champion', async () => {
    const started = await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    expect(started).toMatchObject({
      state: 'Progressing',
      baselineVersion: '4',
      stepIndex: 0,
    });

    // The first engine sets step 1's weight; a new engine (a restarted backend) carries on from the store.
    await makeEngine().tick();
    expect(
      (await seldon()).spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 75],
      ['canary', 25],
    ]);
    const done = await runUntilSettled(started.id, makeEngine);
    expect({ state: done.state, reason: done.stateReason }).toEqual({
      state: 'Succeeded',
      reason: 'all steps passed their analysis',
    });
    expect((await seldon()).spec.predictors).toEqual([
      expect.objectContaining({
        name: 'stable',
        traffic: 100,
        labels: { 'mlops.backstage.io/model-version': '6' },
      }),
    ]);
    expect(await champion()).toBe('6');
    const events = await store.events(started.id);
    expect(
      events
        .filter(e => e.type === 'measurement')
        .every(e => e.type === 'measurement' && e.phase === 'Successful'),
    ).toBe(true);
    expect(
      events.filter(e => e.type === 'measurement').length,
    ).toBeGreaterThanOrEqual(8);
  });

  it('rolls a failing canary back within its analysis, leaving champion alone', async () => {
    await fetch(`${sandboxUrl}/model-metrics/canary`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ healthy: false }),
    });
    const started = await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    const done = await runUntilSettled(started.id, makeEngine);
    expect(done).toMatchObject({ state: 'RolledBack', stepIndex: 0 });
    expect(done.stateReason).toMatch(
      /analysis (error-rate|p99-latency) failed at step 1; canary at 0%/,
    );
    expect(
      (await seldon()).spec.predictors.map((p: any) => [p.name, p.traffic]),
    ).toEqual([
      ['stable', 100],
      ['canary', 0],
    ]);
    expect(await champion()).toBe('4');
  });

  it('pauses, never promotes, when Prometheus cannot be reached', async () => {
    const started = await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    await makeEngine().tick();
    await prometheus.stop();
    const done = await runUntilSettled(started.id, makeEngine);
    expect(done.state).toBe('Paused');
    expect(done.stateReason).toMatch(/is error; a person must decide/);
    expect(await champion()).toBe('4');
  });

  it('allows one active rollout per model', async () => {
    await service.start(
      { entityRef: 'model:default/fraud-detector', version: '6', ...quick },
      user,
    );
    await expect(
      service.start(
        { entityRef: 'model:default/fraud-detector', version: '5', ...quick },
        user,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });
});
