import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { ModelAliasFile, ModelGitOps } from '@mlops-portal/plugin-mlops-common';
import {
  MlflowClients,
  MlflowModelRegistry,
} from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { seldonV1Platform } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import { seldonV2Platform } from '@mlops-portal/plugin-mlops-backend-module-seldon-v2';
import { GitRepositories } from '@mlops-portal/plugin-mlops-node';
import {
  SANDBOX_GITHUB_TOKEN,
  SANDBOX_KUBERNETES_TOKEN,
} from '@mlops-portal/sandbox';
import express from 'express';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import { AliasMover } from '../registry/AliasMover';
import { PromotionStore } from '../registry/PromotionStore';
import { AliasFilePullRequests } from '../registry/pullRequests/AliasFilePullRequests';
import { GitOpsWrites } from '../rollouts/gitops/GitOpsWrites';
import { LiveServingService } from '../rollouts/LiveServingService';
import { RolloutEngine, RolloutModelInfo } from '../rollouts/RolloutEngine';
import { RolloutStore, StoredRollout } from '../rollouts/RolloutStore';
import { applyMigrations } from '../shared/database/applyMigrations';
import { ModelEntities } from '../shared/ModelEntities';
import { PrometheusClient } from '../shared/prometheus/PrometheusClient';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import { sandboxClusters } from './sandboxClusters';
import { SANDBOX_GITOPS_REPO_URL, serveSandbox } from './serveSandbox';
import { fraudDetectorModel } from './startMlopsBackend';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const listen = async (app: express.Express) => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
};

/** The portal instance id the GitOps testbed's engines claim serving objects as. */
export const GITOPS_TESTBED_PORTAL = 'gitops-test-portal';

/**
 * GitOps mode end to end, in-process: the sandbox's GitHub stand-in over HTTP, its GitOps controller applying
 * the branch head to its Kubernetes stand-in after 200 ms, the Seldon v1 (and v2) routers and the engine, on a
 * rollout store in SQLite in memory. Prometheus is a stand-in answering every query with a healthy value and
 * noting when it was asked (`queriedAt`: analysis started). `gitops` (the Model's `spec.serving.gitops`, commit
 * mode) and `clock` (the portal's time, the real one while undefined) may be changed by a test; engines and live
 * serving views made afterwards, and those already made, read them at each use. The Model's registry is the
 * sandbox's MLflow stand-in over HTTP; `protectedAliases` and `aliasFile` (set: the Model's registry policy is
 * `changeVia: pull-request`, its alias file there) may be changed by a test too.
 */
export async function startGitOpsRolloutTestbed() {
  const sandbox = await serveSandbox({ gitopsSyncDelayMs: 200 });
  const queriedAt: number[] = [];
  const prom = express();
  prom.use(express.urlencoded({ extended: false }));
  prom.post('/api/v1/query', (_req, res) => {
    queriedAt.push(Date.now());
    res.json({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [{ metric: {}, value: [Date.now() / 1000, '0.001'] }],
      },
    });
  });
  const prometheus = await listen(prom);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await applyMigrations({ getClient: async () => knex } as any);
  const store = new RolloutStore(knex);
  const promotions = new PromotionStore(knex);
  const path = 'serving/fraud-detector.yaml';
  const config = new ConfigReader({
    app: { baseUrl: 'https://portal.example.com' },
    integrations: sandbox.githubIntegration,
    mlops: {
      mlflow: {
        instances: [{ name: 'default', baseUrl: `${sandbox.url}/mlflow` }],
      },
    },
  });
  const mlflow = new MlflowModelRegistry(
    MlflowClients.fromConfig(config),
    mockServices.cache.mock(),
  );

  const platforms = () =>
    new ServingPlatforms([
      seldonV1Platform(sandboxClusters(`${sandbox.url}/kubernetes`)),
      seldonV2Platform(sandboxClusters(`${sandbox.url}/kubernetes`)),
    ]);
  const pullRequests = () =>
    new AliasFilePullRequests({
      store: promotions,
      logger: mockServices.logger.mock(),
      repositories: GitRepositories.fromConfig(config),
      appBaseUrl: 'https://portal.example.com',
    });
  const gitOpsWrites = () => {
    return new GitOpsWrites({
      repositories: GitRepositories.fromConfig(config),
      appBaseUrl: 'https://portal.example.com',
      syncTimeoutMs: 5 * 60_000,
      pollMs: 50,
    });
  };

  const bed = {
    sandboxUrl: sandbox.url,
    /** The sandbox's GitHub stand-in, to read commits and pull requests. */
    github: sandbox.github,
    /** The sandbox's GitOps controller; `paused` stops it applying Git to the cluster. */
    controller: sandbox.controller,
    /** The sandbox's MLflow, the Model's registry here. */
    mlflow: sandbox.mlflow,
    store,
    /** The promotion history the engines record alias moves in. */
    promotions,
    /** Checks the pull requests of promotions in pull-request mode, as the scheduled task does. */
    pullRequests,
    queriedAt,
    /** The manifest's path in the GitOps repository. */
    path,
    gitops: {
      repoUrl: SANDBOX_GITOPS_REPO_URL,
      path,
      branch: 'main',
      mode: 'commit',
    } as ModelGitOps,
    clock: undefined as number | undefined,
    protectedAliases: [] as string[],
    /** Set: the Model's alias moves go through pull requests against this file (`changeVia: pull-request`). */
    aliasFile: undefined as Required<ModelAliasFile> | undefined,

    /** What the engines know of the Model: its registry (the sandbox's MLflow), policy and GitOps mode. */
    async modelInfo(): Promise<RolloutModelInfo> {
      return {
        registry: () => mlflow.instance('default'),
        registeredModel: 'fraud-detector',
        protectedAliases: bed.protectedAliases,
        ...(bed.aliasFile
          ? {
              aliasPullRequests: { file: bed.aliasFile, provider: 'mlflow' },
            }
          : {}),
        prometheus: () =>
          new PrometheusClient({
            name: 'stand-in',
            baseUrl: prometheus.url,
            timeoutMs: 2000,
          }),
        window: '1m',
        gitops: bed.gitops,
      };
    },

    /** A new engine over the testbed's store, in GitOps mode, on the testbed's clock. */
    engine() {
      const logger = mockServices.logger.mock();
      return new RolloutEngine({
        store,
        platforms: platforms(),
        aliases: new AliasMover({ store: promotions, logger }),
        pullRequests: pullRequests(),
        instanceId: GITOPS_TESTBED_PORTAL,
        modelInfo: () => bed.modelInfo(),
        logger,
        clock: () => bed.clock ?? Date.now(),
        gitOps: gitOpsWrites(),
      });
    },

    /** The example Model on Seldon Core v1 in the sandbox, in GitOps mode. */
    gitOpsModel() {
      const model = fraudDetectorModel();
      model.spec.serving = {
        ...model.spec.serving!,
        platform: 'seldon',
        cluster: 'sandbox',
        gitops: bed.gitops,
      };
      return model;
    },

    /** The live serving view of the same portal, on the same clock, for the Model in GitOps mode. */
    liveServing() {
      return new LiveServingService({
        models: new ModelEntities(
          catalogServiceMock({ entities: [bed.gitOpsModel()] }),
        ),
        platforms: platforms(),
        store,
        permissions: mockServices.permissions(),
        logger: mockServices.logger.mock(),
        instanceId: GITOPS_TESTBED_PORTAL,
        gitOps: gitOpsWrites(),
        clock: () => bed.clock ?? Date.now(),
      });
    },

    /** Stores a Progressing canary of v5 over v4 on `platform`, by Amira, with one quick analysis metric. */
    async startRollout(
      steps = [{ weight: 30, durationSeconds: 0 }],
      platform = 'seldon',
    ) {
      const now = Date.now();
      const rollout: StoredRollout = {
        id: `r-${now}`,
        entityRef: 'model:default/fraud-detector',
        candidateVersion: '5',
        baselineVersion: '4',
        alias: 'champion',
        target: {
          platform,
          cluster: 'sandbox',
          namespace: 'fraud',
          name: 'fraud-detector',
          modelUri: 's3://models/fraud-detector/5',
        },
        strategy: 'canary',
        steps,
        analysis: [
          {
            name: 'error-rate',
            query:
              'sum(rate(errors{predictor_name="{{predictor}}"}[{{window}}]))',
            successCondition: { operator: '<', threshold: 0.05 },
            intervalSeconds: 1,
            initialDelaySeconds: 0,
            count: 1,
            failureLimit: 0,
            inconclusiveLimit: 0,
            consecutiveErrorLimit: 0,
          },
        ],
        stepIndex: 0,
        state: 'Progressing',
        createdBy: 'user:default/amira.haddad',
        createdAt: new Date(now).toISOString(),
        updatedAt: new Date(now).toISOString(),
        nextCheckAt: now,
      } as StoredRollout;
      await store.create(rollout, {
        type: 'transition',
        at: rollout.createdAt,
        actor: rollout.createdBy,
        stepIndex: 0,
        to: 'Progressing',
        reason: 'started',
      });
      return rollout.id;
    },

    /** The example SeldonDeployment's predictors as the cluster holds them: [name, traffic]. */
    async live() {
      const response = await fetch(
        `${sandbox.url}/kubernetes/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector`,
        { headers: { Authorization: `Bearer ${SANDBOX_KUBERNETES_TOKEN}` } },
      );
      const sdep = (await response.json()) as any;
      return sdep.spec.predictors.map((p: any) => [p.name, p.traffic]);
    },

    /**
     * Merges pull request `number` of `repo` through the GitHub stand-in's REST API (`PUT …/pulls/{number}/merge`),
     * as whoever `token` belongs to (the portal's token unless told); its answer, for the test to check.
     */
    async mergePullRequest(
      repo: string,
      number: number,
      token: string = SANDBOX_GITHUB_TOKEN,
    ) {
      return fetch(
        `${sandbox.url}/github/repos/${repo}/pulls/${number}/merge`,
        {
          method: 'PUT',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: '{}',
        },
      );
    },

    /** Ticks one new engine (every 50 ms, at most 100 times) until the rollout meets `done`. */
    async tickUntil(id: string, done: (r: StoredRollout) => boolean) {
      const e = bed.engine();
      for (let i = 0; i < 100; i++) {
        await e.tick();
        const rollout = (await store.get(id))!;
        if (done(rollout)) return rollout;
        await sleep(50);
      }
      throw new Error(`rollout ${id} did not get there`);
    },

    async stop() {
      await sandbox.close();
      await new Promise(resolve => prometheus.server.close(resolve));
      await knex.destroy();
    },
  };
  return bed;
}

export type GitOpsRolloutTestbed = Awaited<
  ReturnType<typeof startGitOpsRolloutTestbed>
>;

/**
 * A fresh GitOps testbed for each test of the enclosing `describe`: registers the hooks that start it before each
 * test and stop it after. What it returns reads (and writes, for `gitops`, `clock`, `protectedAliases` and
 * `aliasFile`) through to the running test's testbed, so a test file takes it once, at the top of its `describe`.
 */
export function useGitOpsRolloutTestbed(): Omit<GitOpsRolloutTestbed, 'stop'> {
  let running: GitOpsRolloutTestbed | undefined;
  beforeEach(async () => {
    running = await startGitOpsRolloutTestbed();
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  const testbed = () => {
    if (!running) {
      throw new Error('The GitOps rollout testbed runs only during a test');
    }
    return running;
  };
  // Every member of the running test's testbed, whichever that is when a test reaches for one; its methods refer
  // to their own testbed, never to `this`, so they are handed out as they are.
  return new Proxy({} as Omit<GitOpsRolloutTestbed, 'stop'>, {
    get: (_, key: keyof GitOpsRolloutTestbed) => {
      if (key === 'stop') {
        throw new Error('useGitOpsRolloutTestbed stops the testbed itself');
      }
      return testbed()[key];
    },
    set: (_, key: keyof GitOpsRolloutTestbed, value) => {
      (testbed() as Record<keyof GitOpsRolloutTestbed, unknown>)[key] = value;
      return true;
    },
  });
}
