import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_PROTECTED_ALIASES,
  modelEntityV1alpha1Schema,
} from '@mlops-portal/plugin-mlops-common';
import {
  createSandboxApp,
  SANDBOX_KUBERNETES_TOKEN,
  startPrometheus,
} from '@mlops-portal/sandbox';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { kservePlatform } from '@mlops-portal/plugin-mlops-backend-module-kserve';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { seldonV1Platform } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import { KubernetesClusters } from '@mlops-portal/plugin-mlops-node';
import { AliasMover } from '../registry/AliasMover';
import { ApprovalService } from '../registry/ApprovalService';
import { CandidateCheck } from '../registry/CandidateCheck';
import { PromotionStore } from '../registry/PromotionStore';
import { RolloutEngine } from '../rollouts/RolloutEngine';
import { RolloutService } from '../rollouts/RolloutService';
import { RolloutStore, StoredRollout } from '../rollouts/RolloutStore';
import { applyMigrations } from '../shared/database/applyMigrations';
import { ModelEntities } from '../shared/ModelEntities';
import { ModelRegistries } from '../shared/ModelRegistries';
import { PrometheusClient } from '../shared/prometheus/PrometheusClient';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import { memoryCache } from './memoryCache';
import { sandboxClusterConfig } from './sandboxClusters';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The portal instance id the testbed's engines claim serving objects as. */
export const TESTBED_PORTAL = 'testbed-portal';

/** Steps and analysis shortened to seconds. */
export const quickRollout = {
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

/**
 * Everything a whole canary needs, for real: the sandbox (Kubernetes with the example SeldonDeployment, MLflow,
 * Seldon metrics following the traffic split) over HTTP, Debian's Prometheus scraping it, and the rollout and
 * promotion stores on `knex` (SQLite in memory unless given). `makeEngine()` is a new engine over the same store,
 * as a restarted backend would be (or, given its own store on another connection, a second replica).
 */
export async function startRolloutTestbed(
  options: {
    knex?: Knex;
    /** Where the engines reach the sandbox's Kubernetes API (default: the sandbox), e.g. through a flaky proxy. */
    kubernetesUrl?: (sandboxUrl: string) => string;
    /** The Model's `spec.serving` (default: Seldon, the sandbox's `fraud/fraud-detector`). */
    serving?: Record<string, unknown>;
  } = {},
) {
  const sandbox = createSandboxApp({ trafficTickMs: 100 }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise(resolve => sandbox.once('listening', resolve));
  const port = (sandbox.address() as AddressInfo).port;
  const sandboxUrl = `http://127.0.0.1:${port}`;
  const prometheus = await startPrometheus(
    `127.0.0.1:${port}`,
    '/model-metrics/metrics',
  );
  const config = new ConfigReader({
    mlops: {
      mlflow: {
        instances: [{ name: 'default', baseUrl: `${sandboxUrl}/mlflow` }],
      },
    },
    kubernetes: sandboxClusterConfig(
      options.kubernetesUrl?.(sandboxUrl) ?? `${sandboxUrl}/kubernetes`,
    ),
  });
  const ownKnex = !options.knex;
  const knex =
    options.knex ??
    knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
  await applyMigrations({ getClient: async () => knex } as any);
  const store = new RolloutStore(knex);
  const model = JSON.parse(
    JSON.stringify(modelEntityV1alpha1Schema.examples[0]),
  );
  model.spec.serving = options.serving ?? {
    platform: 'seldon',
    cluster: 'sandbox',
    namespace: 'fraud',
    resourceName: 'fraud-detector',
  };
  const models = new ModelEntities({
    getEntityByRef: async () => model,
  } as any);
  const clusters = KubernetesClusters.fromConfig(config, {
    requestTimeoutMs: 2000,
  });
  const registries = new ModelRegistries([
    new MlflowModelRegistry(MlflowClients.fromConfig(config), memoryCache()),
  ]);
  const platforms = new ServingPlatforms([
    seldonV1Platform(clusters),
    kservePlatform(clusters),
  ]);
  const permissions = mockServices.permissions();
  const logger = mockServices.logger.mock();
  const promotionStore = new PromotionStore(knex);
  const aliases = new AliasMover({ store: promotionStore, logger });
  const candidates = new CandidateCheck({ models, registries, permissions });
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
  const makeEngine = (
    engineStore: RolloutStore = store,
    /** The history store of a restarted backend (another connection); the testbed's by default. */
    historyStore?: PromotionStore,
    /** The engine's time (default: the real one), e.g. to jump past a deadline without waiting for it. */
    clock?: () => number,
  ) =>
    new RolloutEngine({
      store: engineStore,
      platforms,
      aliases: historyStore
        ? new AliasMover({ store: historyStore, logger })
        : aliases,
      instanceId: TESTBED_PORTAL,
      modelInfo: async () => ({
        registry: () => registries.client(model.spec.registry),
        registeredModel: 'fraud-detector',
        protectedAliases:
          model.spec.registry?.protectedAliases ?? DEFAULT_PROTECTED_ALIASES,
        prometheus: () => promClient,
        window: '4s',
      }),
      logger: mockServices.logger.mock(),
      clock,
    });
  const approvals = new ApprovalService({
    models,
    registries,
    aliases,
    store: promotionStore,
    permissions,
  });
  const service = new RolloutService({
    models,
    candidates,
    platforms,
    store,
    engine: makeEngine(),
    permissions,
  });

  return {
    sandboxUrl,
    prometheus,
    store,
    promotionStore,
    service,
    approvals,
    makeEngine,
    /** Ticks engines until the rollout meets `done`. */
    async runUntil(
      id: string,
      done: (rollout: StoredRollout) => boolean,
      engines: () => RolloutEngine[],
    ) {
      for (let i = 0; i < 120; i++) {
        await Promise.all(engines().map(engine => engine.tick()));
        const rollout = await store.get(id);
        if (done(rollout!)) {
          return rollout!;
        }
        await sleep(250);
      }
      throw new Error(`rollout ${id} did not get there`);
    },
    /** Ticks engines until the rollout leaves Progressing. */
    runUntilSettled(id: string, engines: () => RolloutEngine[]) {
      return this.runUntil(id, r => r.state !== 'Progressing', engines);
    },
    /** The example SeldonDeployment as the cluster holds it. */
    async seldon() {
      return (await (
        await fetch(
          `${sandboxUrl}/kubernetes/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector`,
          { headers: { Authorization: `Bearer ${SANDBOX_KUBERNETES_TOKEN}` } },
        )
      ).json()) as any;
    },
    /** MLflow's aliases of the registered model, alias → version. */
    async aliases(): Promise<Record<string, string>> {
      const body = (await (
        await fetch(
          `${sandboxUrl}/mlflow/api/2.0/mlflow/registered-models/get?name=fraud-detector`,
        )
      ).json()) as any;
      return Object.fromEntries(
        (body.registered_model.aliases ?? []).map((a: any) => [
          a.alias,
          a.version,
        ]),
      );
    },
    /** The version MLflow's champion alias points at. */
    async champion() {
      return (await this.aliases()).champion;
    },
    /** Sets one of the sandbox's demo controls, e.g. `/model-metrics/canary`. */
    async control(path: string, body: unknown) {
      const response = await fetch(`${sandboxUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        throw new Error(`${path}: ${response.status} ${await response.text()}`);
      }
    },
    /** The predictors of the example SeldonDeployment: name, traffic, shadow and served version. */
    async predictors() {
      return (await this.seldon()).spec.predictors.map((p: any) => ({
        name: p.name,
        traffic: p.traffic,
        shadow: p.shadow,
        version: p.labels?.['mlops.backstage.io/model-version'],
      }));
    },
    async stop() {
      await prometheus.stop();
      await new Promise(resolve => sandbox.close(resolve));
      if (ownKnex) {
        await knex.destroy();
      }
    },
  };
}

export type RolloutTestbed = Awaited<ReturnType<typeof startRolloutTestbed>>;
