import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { ModelGitOps } from '@mlops-portal/plugin-mlops-common';
import { seldonV1Platform } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import { seldonV2Platform } from '@mlops-portal/plugin-mlops-backend-module-seldon-v2';
import { GitRepositories } from '@mlops-portal/plugin-mlops-node';
import {
  createSandboxApp,
  GitHubFake,
  GitOpsControllerFake,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITHUB_TOKEN,
  SANDBOX_GITOPS_REPO,
  SANDBOX_KUBERNETES_TOKEN,
} from '@mlops-portal/sandbox';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AliasMover } from '../registry/AliasMover';
import { PromotionStore } from '../registry/PromotionStore';
import { applyMigrations } from '../shared/database/applyMigrations';
import { PrometheusClient } from '../shared/prometheus/PrometheusClient';
import { ModelEntities } from '../shared/ModelEntities';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import { fraudDetectorModel } from '../__testUtils__/startMlopsBackend';
import { sandboxClusters } from '../__testUtils__/sandboxClusters';
import { GitOpsWrites } from './gitops/GitOpsWrites';
import { LiveServingService } from './LiveServingService';
import { RolloutEngine } from './RolloutEngine';
import { RolloutStore, StoredRollout } from './RolloutStore';

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const listen = async (app: express.Express) => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
};

/*
 * GitOps mode end to end, in-process: the sandbox's GitHub stand-in over HTTP, its GitOps controller applying
 * the branch head to its Kubernetes stand-in after 200 ms, the Seldon v1 router and the engine. Prometheus is a
 * stand-in answering every query with a healthy value and noting when it was first asked (analysis started).
 */
describe('RolloutEngine in GitOps mode', () => {
  let sandbox: { server: Server; url: string };
  let prometheus: { server: Server; url: string };
  let github: GitHubFake;
  let controller: GitOpsControllerFake;
  let knex: Knex;
  let store: RolloutStore;
  let queriedAt: number[];
  let gitops: ModelGitOps;
  let clock: number | undefined;
  const path = 'serving/fraud-detector.yaml';

  beforeEach(async () => {
    const app = createSandboxApp({ gitopsSyncDelayMs: 200 });
    github = app.locals.github;
    controller = app.locals.gitops;
    sandbox = await listen(app);
    queriedAt = [];
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
    prometheus = await listen(prom);
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations({ getClient: async () => knex } as any);
    store = new RolloutStore(knex);
    gitops = {
      repoUrl: `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}`,
      path,
      branch: 'main',
      mode: 'commit',
    };
    clock = undefined;
  });

  afterEach(async () => {
    await new Promise(resolve => sandbox.server.close(resolve));
    await new Promise(resolve => prometheus.server.close(resolve));
    await knex.destroy();
  });

  const platforms = () =>
    new ServingPlatforms([
      seldonV1Platform(sandboxClusters(`${sandbox.url}/kubernetes`)),
      seldonV2Platform(sandboxClusters(`${sandbox.url}/kubernetes`)),
    ]);
  const gitOpsWrites = () => {
    const config = new ConfigReader({
      app: { baseUrl: 'https://portal.example.com' },
      integrations: {
        github: [
          {
            host: SANDBOX_GITHUB_HOST,
            apiBaseUrl: `${sandbox.url}/github`,
            token: SANDBOX_GITHUB_TOKEN,
          },
        ],
      },
    });
    return new GitOpsWrites({
      repositories: GitRepositories.fromConfig(config),
      appBaseUrl: 'https://portal.example.com',
      syncTimeoutMs: 5 * 60_000,
      pollMs: 50,
    });
  };

  const engine = () => {
    const logger = mockServices.logger.mock();
    return new RolloutEngine({
      store,
      platforms: platforms(),
      aliases: new AliasMover({ store: new PromotionStore(knex), logger }),
      instanceId: 'gitops-test-portal',
      modelInfo: async () => ({
        registry: () => {
          throw new Error('no registry in this test');
        },
        registeredModel: 'fraud-detector',
        protectedAliases: [],
        prometheus: () =>
          new PrometheusClient({
            name: 'stand-in',
            baseUrl: prometheus.url,
            timeoutMs: 2000,
          }),
        window: '1m',
        gitops,
      }),
      logger,
      clock: () => clock ?? Date.now(),
      gitOps: gitOpsWrites(),
    });
  };

  /** The live serving view of the same portal, on the same clock, for the Model in GitOps mode. */
  const gitOpsModel = () => {
    const model = fraudDetectorModel();
    model.spec.serving = {
      ...model.spec.serving!,
      platform: 'seldon',
      cluster: 'sandbox',
      gitops,
    };
    return model;
  };
  const liveServing = () =>
    new LiveServingService({
      models: new ModelEntities(
        catalogServiceMock({ entities: [gitOpsModel()] }),
      ),
      platforms: platforms(),
      store,
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      instanceId: 'gitops-test-portal',
      gitOps: gitOpsWrites(),
      clock: () => clock ?? Date.now(),
    });

  const startRollout = async (
    steps = [{ weight: 30, durationSeconds: 0 }],
    platform = 'seldon',
  ) => {
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
  };

  const live = async () => {
    const response = await fetch(
      `${sandbox.url}/kubernetes/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector`,
      { headers: { Authorization: `Bearer ${SANDBOX_KUBERNETES_TOKEN}` } },
    );
    const sdep = (await response.json()) as any;
    return sdep.spec.predictors.map((p: any) => [p.name, p.traffic]);
  };

  const tickUntil = async (id: string, done: (r: StoredRollout) => boolean) => {
    const e = engine();
    for (let i = 0; i < 100; i++) {
      await e.tick();
      const rollout = (await store.get(id))!;
      if (done(rollout)) return rollout;
      await sleep(50);
    }
    throw new Error(`rollout ${id} did not get there`);
  };

  it('makes each step one commit, starts the step (and its analysis) only once the live object shows it', async () => {
    const id = await startRollout([
      { weight: 30, durationSeconds: 0 },
      { weight: 100, durationSeconds: 0 },
    ]);
    await engine().tick();
    const commits = github.log(SANDBOX_GITOPS_REPO, 'main');
    expect(commits).toHaveLength(2);
    expect(commits[0].message).toBe(
      `Step 1/2: canary at 30%, v5 (rollout ${id} of model:default/fraud-detector)\n\nBy user:default/amira.haddad, through the MLOps Portal.\nhttps://portal.example.com/catalog/default/model/fraud-detector`,
    );
    expect(github.file(SANDBOX_GITOPS_REPO, 'main', path)).toContain(
      'traffic: 70\n',
    );
    // Committed, not yet applied: the live object is untouched and nothing was measured.
    expect(await live()).toEqual([['stable', 100]]);
    const waiting = (await store.get(id))!;
    expect(waiting.stepStartedAt).toBeUndefined();

    const started = await tickUntil(id, r => Boolean(r.stepStartedAt));
    expect(await live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);
    expect(queriedAt.length).toBe(0);
    const events = await store.events(id);
    const sha = commits[0].sha;
    expect(
      events
        .filter(e => e.type === 'transition' && e.git)
        .map(e => e.type === 'transition' && e.git),
    ).toEqual([
      {
        sha,
        url: `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}/commit/${sha}`,
        status: 'awaiting-sync',
      },
      {
        sha,
        url: `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}/commit/${sha}`,
        status: 'applied',
      },
    ]);
    const appliedAt = Date.parse(started.stepStartedAt!);

    const done = await tickUntil(
      id,
      r => r.state !== 'Progressing' || r.stepIndex === 1,
    );
    expect(done.stepIndex).toBe(1);
    expect(queriedAt.length).toBeGreaterThan(0);
    expect(Math.min(...queriedAt)).toBeGreaterThanOrEqual(appliedAt);
    // Step 2 is its own commit.
    await tickUntil(id, r => r.stepIndex === 1 && Boolean(r.stepStartedAt));
    expect(github.log(SANDBOX_GITOPS_REPO, 'main')[0].message).toMatch(
      /^Step 2\/2: canary at 100%, v5/,
    );
    expect(await live()).toEqual([
      ['stable', 0],
      ['canary', 100],
    ]);
  });

  it('pauses a rollout whose Git change the cluster never applies, naming the commit and the timeout', async () => {
    controller.paused = true;
    const id = await startRollout();
    await engine().tick();
    const sha = github.head(SANDBOX_GITOPS_REPO, 'main')!;
    await engine().tick();
    expect((await store.get(id))!.state).toBe('Progressing');
    clock = Date.now() + 5 * 60_000 + 1000;
    await engine().tick();
    const paused = (await store.get(id))!;
    expect(paused.state).toBe('Paused');
    expect(paused.stateReason).toBe(
      `Git change ${sha.slice(
        0,
        7,
      )} not applied after 5 min; check the GitOps controller, then resume or abort`,
    );
    expect(await live()).toEqual([['stable', 100]]);
  });

  it('in pull-request mode, proposes a step as a pull request and aborts with a direct commit', async () => {
    gitops = { ...gitops, mode: 'pull-request' };
    const id = await startRollout();
    const base = github.head(SANDBOX_GITOPS_REPO, 'main');
    await engine().tick();
    expect(github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(base);
    expect(github.pulls(SANDBOX_GITOPS_REPO)).toMatchObject([
      {
        number: 1,
        state: 'open',
        head: `mlops/rollout-${id}-step-1`,
        base: 'main',
      },
    ]);
    await engine().tick();
    expect((await store.get(id))!.stepStartedAt).toBeUndefined();

    // The reviewer merges; the engine sees it and waits for the sync.
    const merged = await fetch(
      `${sandbox.url}/github/repos/${SANDBOX_GITOPS_REPO}/pulls/1/merge`,
      {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${SANDBOX_GITHUB_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(merged.status).toBe(200);
    await tickUntil(id, r => Boolean(r.stepStartedAt));
    expect(await live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);

    await engine().rollBack(
      (await store.get(id))!,
      'Aborted',
      'latency looks off',
      'user:default/amira.haddad',
    );
    const aborted = (await store.get(id))!;
    expect(aborted.state).toBe('Aborted');
    expect(aborted.stateReason).toMatch(
      /^latency looks off; canary at 0%, committed directly to Git \([0-9a-f]{7}\)$/,
    );
    expect(github.pulls(SANDBOX_GITOPS_REPO)).toHaveLength(1);
    const [abort] = github.log(SANDBOX_GITOPS_REPO, 'main');
    expect(abort.message).toContain('Abort: latency looks off');
    expect(abort.message).toContain('By user:default/amira.haddad');
    expect(abort.message).toContain(
      'Committed directly to main: an emergency path',
    );
    expect(github.file(SANDBOX_GITOPS_REPO, 'main', path)).toMatch(
      /name: canary\n(.*\n)*?\s+traffic: 0\n/,
    );
  });

  /** A rollout whose step 1 (canary at 30%) is live, ended by a person's abort while the controller is stopped. */
  const abortWhileControllerStopped = async () => {
    const id = await startRollout();
    await tickUntil(id, r => Boolean(r.stepStartedAt));
    controller.paused = true;
    await engine().rollBack(
      (await store.get(id))!,
      'Aborted',
      'latency looks off',
      'user:default/amira.haddad',
    );
    const sha = github.head(SANDBOX_GITOPS_REPO, 'main')!;
    const git = {
      sha,
      url: `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}/commit/${sha}`,
    };
    return { id, sha, git };
  };
  const endingEvents = async (id: string) =>
    (await store.events(id)).filter(
      e => e.type === 'transition' && e.to === 'Aborted',
    );

  it('ends an abort at once with its commit awaiting the sync, and records it applied once the live object shows it', async () => {
    const { id, git } = await abortWhileControllerStopped();
    const aborted = (await store.get(id))!;
    expect(aborted.state).toBe('Aborted');
    expect(await endingEvents(id)).toMatchObject([
      { from: 'Progressing', git: { ...git, status: 'awaiting-sync' } },
    ]);

    // Not applied yet: the engine looks, records nothing, and looks again later.
    await engine().tick();
    expect(await endingEvents(id)).toHaveLength(1);
    expect(await live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);

    controller.paused = false;
    const e = engine();
    for (let i = 0; i < 60 && (await endingEvents(id)).length < 2; i++) {
      await sleep(50);
      await e.tick();
    }
    expect(await live()).toEqual([
      ['stable', 100],
      ['canary', 0],
    ]);
    const [, applied] = await endingEvents(id);
    expect(applied).toMatchObject({
      from: 'Aborted',
      to: 'Aborted',
      reason: `Git change ${git.sha.slice(0, 7)} applied: v5 has no traffic`,
      git: { ...git, status: 'applied' },
    });
    const after = (await store.get(id))!;
    expect(after.state).toBe('Aborted');
    expect(after.stateReason).toBe(aborted.stateReason);
    // Followed to the end: later ticks record nothing more.
    await engine().tick();
    expect(await endingEvents(id)).toHaveLength(2);
  });

  it('reports an ending whose Git change is not applied within the sync timeout, reverting nothing', async () => {
    const { id, sha, git } = await abortWhileControllerStopped();
    await engine().tick();
    expect(await endingEvents(id)).toHaveLength(1);

    clock = Date.now() + 5 * 60_000 + 1000;
    await engine().tick();
    const [, report] = await endingEvents(id);
    expect(report).toMatchObject({
      from: 'Aborted',
      to: 'Aborted',
      git: { ...git, status: 'awaiting-sync' },
    });
    expect(report.type === 'transition' && report.reason).toBe(
      `Git change ${sha.slice(
        0,
        7,
      )} not applied after 5 min: the live object does not show that v5 has no traffic yet (stable v4 70%, canary v5 30%). Check the GitOps controller; nothing was reverted, Git holds the ending`,
    );
    const after = (await store.get(id))!;
    expect(after.state).toBe('Aborted');
    expect(after.stateReason).toMatch(
      new RegExp(
        `^latency looks off; canary at 0%, committed to Git \\([0-9a-f]{7}\\)\\. Git change ${sha.slice(
          0,
          7,
        )} not applied after 5 min: check the GitOps controller$`,
      ),
    );
    // Nothing reverted: Git still holds the abort, the live object is as it was.
    expect(github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(sha);
    expect(await live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);
    await engine().tick();
    expect(await endingEvents(id)).toHaveLength(2);
  });

  it("reads an ended rollout's traffic as its ending's Git change waiting to be applied until the sync timeout, then as an orphan again", async () => {
    const { id, sha, git } = await abortWhileControllerStopped();
    const entityRef = 'model:default/fraud-detector';
    const read = () => liveServing().read(entityRef, mockCredentials.user());
    const blocker = () =>
      liveServing().blockerForNewRollout(entityRef, gitOpsModel());

    const waiting = await read();
    expect(waiting.orphan).toBeUndefined();
    expect(waiting.pendingGitChange).toMatchObject({
      sha,
      url: git.url,
      rolloutId: id,
      state: 'Aborted',
      ending: 'abort',
      message: `Waiting for Git change ${sha.slice(
        0,
        7,
      )} (the abort of rollout ${id}) to be applied by the GitOps controller`,
    });
    expect(await blocker()).toMatch(
      `wait until Git change ${sha.slice(0, 7)} is applied`,
    );

    // Just before the timeout it is still waiting; once it passed, the traffic is nobody's, as before.
    const since = Date.parse(waiting.pendingGitChange!.since);
    clock = since + 5 * 60_000 - 1;
    expect((await read()).pendingGitChange).toBeDefined();
    clock = since + 5 * 60_000;
    const lapsed = await read();
    expect(lapsed.pendingGitChange).toBeUndefined();
    expect(lapsed.orphan).toBe(
      `v5 receives 30% and no rollout drives it (claimed by rollout ${id} of portal 'gitops-test-portal')`,
    );
    expect(await blocker()).toMatch(/Return all traffic to stable/);

    // The ending's follow-up records it not applied: an orphan on any clock from then on.
    clock = since + 5 * 60_000 + 1000;
    await engine().tick();
    expect(await endingEvents(id)).toHaveLength(2);
    clock = undefined;
    expect((await read()).orphan).toMatch(/no rollout drives it/);
  });

  it('never writes the traffic of a Seldon Core v2 Model in GitOps mode: its rollout fails before any write, saying why', async () => {
    const id = await startRollout(undefined, 'seldon-v2');
    const head = github.head(SANDBOX_GITOPS_REPO, 'main');
    await engine().tick();
    const failed = (await store.get(id))!;
    expect(failed.state).toBe('Failed');
    expect(failed.stateReason).toMatch(
      /^could not set up step 1 \(canary at 30%\): InputError: model:default\/fraud-detector declares spec\.serving\.gitops, but Seldon Core v2 cannot be managed from Git: .*GitOps mode supports Seldon Core v1;/,
    );
    expect(github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(head);
  });
});
