import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ModelGitOps } from '@mlops-portal/plugin-mlops-common';
import mlopsModuleSeldonV2 from '@mlops-portal/plugin-mlops-backend-module-seldon-v2';
import { SeldonV1TrafficRouter } from '@mlops-portal/plugin-mlops-backend-module-seldon';
import {
  GitManifest,
  GitRepositories,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
import {
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITOPS_REPO,
  SANDBOX_KUBERNETES_TOKEN,
  sandboxClusterConfig,
} from '@mlops-portal/sandbox';
import request from 'supertest';
import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import { sandboxClusters } from '../__testUtils__/sandboxClusters';
import {
  SANDBOX_GITOPS_REPO_URL,
  serveSandbox,
  ServedSandbox,
} from '../__testUtils__/serveSandbox';
import {
  FRAUD_DETECTOR_TARGET as target,
  LOST_CLAIM as lost,
  servingRoutesClient,
} from '../__testUtils__/servingRoutesClient';
import {
  AMIRA,
  fraudDetectorModel,
  RecordedAuditEvent,
} from '../__testUtils__/startMlopsBackend';

jest.setTimeout(30_000);

const as = (user: string) => mockCredentials.user.header(user);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/*
 * Return to stable and rollout starts for a Model in GitOps mode, through the whole plugin, against the sandbox's
 * GitHub stand-in, its GitOps controller (applying the branch head to its Kubernetes stand-in 100 ms after a
 * commit, unless paused) and the Seldon v1 router.
 */
describe('live serving routes in GitOps mode', () => {
  let sandbox: ServedSandbox;
  let auditEvents: RecordedAuditEvent[];
  const path = 'serving/fraud-detector.yaml';
  const gitops: ModelGitOps = {
    repoUrl: SANDBOX_GITOPS_REPO_URL,
    path,
    branch: 'main',
    mode: 'pull-request',
  };

  const config = () => ({
    app: { baseUrl: 'https://portal.example.com' },
    backend: { baseUrl: 'https://this.portal' },
    kubernetes: sandboxClusterConfig(`${sandbox.url}/kubernetes`),
    integrations: sandbox.githubIntegration,
  });

  /** The example Model on Seldon Core v1, and the same Model as served by Seldon Core v2, both in GitOps mode. */
  const models = () =>
    (['seldon', 'seldon-v2'] as const).map(platform => {
      const model = fraudDetectorModel();
      if (platform === 'seldon-v2') model.metadata.name = 'fraud-detector-v2';
      model.spec.serving = {
        ...model.spec.serving!,
        platform,
        cluster: 'sandbox',
        gitops,
      };
      return model;
    });

  beforeAll(async () => {
    sandbox = await serveSandbox({ gitopsSyncDelayMs: 100 });
  });
  afterAll(() => sandbox.close());
  const t = mlopsRouteHarness(() => {
    auditEvents = [];
    return {
      entities: models(),
      config: config(),
      auditEvents,
      features: [mlopsModuleSeldonV2],
    };
  });
  const { readServing, returnToStable, startRollout } = servingRoutesClient(t);

  const live = async () => {
    const response = await fetch(
      `${sandbox.url}/kubernetes/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector`,
      { headers: { Authorization: `Bearer ${SANDBOX_KUBERNETES_TOKEN}` } },
    );
    return (await response.json()) as any;
  };
  const weights = (sdep: any) =>
    sdep.spec.predictors.map((p: any) => [p.name, p.traffic]);
  const liveBecomes = async (want: unknown[]) => {
    for (let i = 0; i < 40; i++) {
      const sdep = await live();
      if (JSON.stringify(weights(sdep)) === JSON.stringify(want)) return sdep;
      await sleep(50);
    }
    throw new Error(`live object never showed ${JSON.stringify(want)}`);
  };

  /**
   * A canary at 20% claimed by a rollout nobody here drives (or by `claim`), committed to Git and applied by the
   * controller.
   */
  const orphanCanaryFromGit = async (claim = lost) => {
    const manifest = new GitManifest(
      GitRepositories.fromConfig(new ConfigReader(config())).forUrl(
        gitops.repoUrl,
      ),
      { ...gitops, mode: 'commit' },
      { message: 'an old portal canary', pullRequestBranch: 'unused' },
    );
    await new SeldonV1TrafficRouter(
      sandboxClusters(`${sandbox.url}/kubernetes`),
    ).setCanary(
      { ...target, manifest },
      { version: '6', modelUri: 'mlflow-artifacts:/1/run6/artifacts/model' },
      20,
      { claim },
    );
    await liveBecomes([
      ['stable', 80],
      ['canary', 20],
    ]);
  };

  it('returns all traffic to stable with a direct commit (even in pull-request mode), answering and auditing the commit; the live object changes only when the controller applies it', async () => {
    await orphanCanaryFromGit();
    sandbox.controller.paused = true;
    const before = sandbox.github.log(SANDBOX_GITOPS_REPO, 'main').length;

    const res = await returnToStable({
      reason: 'orphaned canary after a restore',
      expectedClaim: lost,
    });
    expect(res.status).toBe(200);

    const commits = sandbox.github.log(SANDBOX_GITOPS_REPO, 'main');
    expect(commits).toHaveLength(before + 1);
    const sha = commits[0].sha;
    expect(sandbox.github.pulls(SANDBOX_GITOPS_REPO)).toEqual([]);
    expect(commits[0].message).toBe(
      [
        'Return all traffic to stable: orphaned canary after a restore (model:default/fraud-detector)',
        '',
        'By user:default/amira.haddad, through the MLOps Portal.',
        "Committed directly to main: an emergency path (abort, switch back, failed analysis, return to stable) does not wait for a pull request's review.",
        'https://portal.example.com/catalog/default/model/fraud-detector',
      ].join('\n'),
    );
    const git = {
      sha,
      url: `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}/commit/${sha}`,
      direct: true,
      status: 'awaiting-sync',
    };
    expect(res.body.git).toEqual(git);
    // The answer's split is the live one, which has not changed: Git changed, the cluster follows later.
    expect(res.body.split.canary).toMatchObject({ version: '6', weight: 20 });
    const file = sandbox.github.file(SANDBOX_GITOPS_REPO, 'main', path)!;
    expect(file).not.toContain('name: canary');
    expect(file).not.toContain(ROLLOUT_CLAIM_KEY);
    expect(file).toContain('# Owned by the platform team');
    const unchanged = await live();
    expect(weights(unchanged)).toEqual([
      ['stable', 80],
      ['canary', 20],
    ]);
    expect(unchanged.metadata.annotations[ROLLOUT_CLAIM_KEY]).toBeDefined();

    const audit = auditEvents.find(
      e =>
        e.eventId === 'model-serving-return-to-stable' &&
        e.status === 'succeeded',
    );
    expect(audit?.meta).toMatchObject({ git });

    sandbox.controller.paused = false;
    const applied = await liveBecomes([['stable', 100]]);
    expect(applied.metadata.annotations?.[ROLLOUT_CLAIM_KEY]).toBeUndefined();
  });

  it('refuses a Seldon Core v2 Model in GitOps mode at rollout start and at return to stable, before writing anything', async () => {
    const head = sandbox.github.head(SANDBOX_GITOPS_REPO, 'main');
    const refusal =
      /Seldon Core v2 cannot be managed from Git: its traffic writes create, change and delete live objects .* so they would bypass Git .* GitOps mode supports Seldon Core v1 and KServe/;

    const rollout = await startRollout({
      entityRef: 'model:default/fraud-detector-v2',
      version: '6',
    });
    expect(rollout.status).toBe(400);
    expect(rollout.body.error.message).toMatch(refusal);
    const list = await request(t.backend.server)
      .get('/api/mlops/v1/rollouts')
      .query({ entityRef: 'model:default/fraud-detector-v2' })
      .set('Authorization', as(AMIRA));
    expect(list.body.items).toEqual([]);

    const reset = await request(t.backend.server)
      .post(
        '/api/mlops/v1/entities/model/default/fraud-detector-v2/serving/return-to-stable',
      )
      .set('Authorization', as(AMIRA))
      .send({ reason: 'clean up' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.message).toMatch(refusal);
    expect(sandbox.github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(head);
    expect(sandbox.github.pulls(SANDBOX_GITOPS_REPO)).toEqual([]);
  });

  it("names an ended rollout's traffic as its ending's Git change waiting to be applied, not as an orphan, and refuses a new start and a return to stable until it is", async () => {
    const start = await startRollout();
    expect(start.status).toBe(201);
    const id: string = start.body.id;
    // The rollout's canary step, live and claimed by it (this portal is https://this.portal).
    await orphanCanaryFromGit({
      rolloutId: id,
      instanceId: 'https://this.portal',
    });
    const driven = await readServing();
    expect(driven.body.drivenBy).toMatchObject({ rolloutId: id });

    sandbox.controller.paused = true;
    const abort = await request(t.backend.server)
      .post(`/api/mlops/v1/rollouts/${id}/abort`)
      .set('Authorization', as(AMIRA))
      .send({ reason: 'latency looks off' });
    expect(abort.status).toBe(200);
    expect(abort.body.state).toBe('Aborted');
    const sha = sandbox.github.head(SANDBOX_GITOPS_REPO, 'main')!;
    expect(sandbox.github.log(SANDBOX_GITOPS_REPO, 'main')[0].message).toMatch(
      /^Abort: latency looks off/,
    );

    const waiting = await readServing();
    expect(waiting.status).toBe(200);
    expect(waiting.body.split.canary).toMatchObject({
      version: '6',
      weight: 20,
    });
    expect(waiting.body.drivenBy).toBeUndefined();
    expect(waiting.body.orphan).toBeUndefined();
    expect(waiting.body.pendingGitChange).toEqual({
      sha,
      url: `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}/commit/${sha}`,
      rolloutId: id,
      state: 'Aborted',
      ending: 'abort',
      since: expect.any(String),
      message: `Waiting for Git change ${sha.slice(
        0,
        7,
      )} (the abort of rollout ${id}) to be applied by the GitOps controller`,
    });

    const head = sandbox.github.head(SANDBOX_GITOPS_REPO, 'main');
    const again = await startRollout();
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `The abort of rollout ${id} is committed to Git (${sha.slice(
        0,
        7,
      )}) but not applied yet: wait until Git change ${sha.slice(
        0,
        7,
      )} is applied`,
    );
    const reset = await returnToStable({ reason: 'looks orphaned' });
    expect(reset.status).toBe(409);
    expect(reset.body.error.message).toMatch(/wait until Git change/);
    expect(sandbox.github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(head);

    // Applied: nothing pending, nothing orphaned, a new rollout may start.
    sandbox.controller.paused = false;
    await liveBecomes([
      ['stable', 100],
      ['canary', 0],
    ]);
    const after = await readServing();
    expect(after.body.pendingGitChange).toBeUndefined();
    expect(after.body.orphan).toBeUndefined();
    expect(after.body.claim).toBeUndefined();
    const next = await startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '6',
      dryRun: true,
    });
    expect(next.status).toBe(200);
  });
});
