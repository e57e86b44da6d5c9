import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { KServeTrafficRouter } from '@mlops-portal/plugin-mlops-backend-module-kserve';
import { ModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import {
  GitManifest,
  GitRepositories,
  KubernetesClusters,
} from '@mlops-portal/plugin-mlops-node';
import {
  CHURN_PREDICTOR_PATH,
  SANDBOX_ARGOCD_TOKEN,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITOPS_REPO,
  SANDBOX_KUBERNETES_TOKEN,
  sandboxClusterConfig,
} from '@mlops-portal/sandbox';
import request from 'supertest';
import {
  SANDBOX_GITOPS_REPO_URL as repoUrl,
  serveSandbox,
  ServedSandbox,
} from '../../__testUtils__/serveSandbox';
import {
  AMIRA,
  fraudDetectorModel,
  startMlopsBackend,
} from '../../__testUtils__/startMlopsBackend';

jest.setTimeout(30_000);

const route = (name: string) =>
  `/api/mlops/v1/entities/model/default/${name}/serving/gitops`;

/** A KServe Model managed from Git, as examples/customer-growth.yaml declares churn-predictor. */
function churnPredictor(): ModelEntityV1alpha1 {
  return {
    apiVersion: 'mlops.backstage.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'churn-predictor', namespace: 'default' },
    spec: {
      type: 'classification',
      lifecycle: 'experimental',
      owner: 'group:default/growth-ml',
      serving: {
        platform: 'kserve',
        cluster: 'sandbox',
        namespace: 'growth',
        resourceName: 'churn-predictor',
        gitops: {
          repoUrl,
          path: CHURN_PREDICTOR_PATH,
          branch: 'main',
          mode: 'commit',
          controller: {
            type: 'argocd',
            instance: 'default',
            application: 'churn-predictor',
          },
        },
      },
    },
  };
}

/*
 * `GET …/serving/gitops` against the sandbox over HTTP: its GitHub stand-in (contents, refs, list commits), its
 * Kubernetes stand-in through @kubernetes/client-node, its GitOps controller (applying the branch head after
 * 200 ms) and Argo CD API.
 */
describe('GitOps serving route', () => {
  let sandbox: ServedSandbox;
  let backend: Awaited<ReturnType<typeof startMlopsBackend>>;

  const start = async (
    argocdBaseUrl = `${sandbox.url}/argocd`,
    entities = [churnPredictor(), fraudDetectorModel()],
  ) => {
    backend = await startMlopsBackend({
      entities,
      config: {
        kubernetes: sandboxClusterConfig(`${sandbox.url}/kubernetes`),
        integrations: sandbox.githubIntegration,
      },
      mlopsConfig: {
        argocd: {
          instances: [
            {
              name: 'default',
              baseUrl: argocdBaseUrl,
              token: SANDBOX_ARGOCD_TOKEN,
            },
          ],
        },
      },
    });
  };
  const read = (name = 'churn-predictor') =>
    request(backend.server)
      .get(route(name))
      .set('Authorization', mockCredentials.user.header(AMIRA));

  /**
   * Edits the live InferenceService (or another object, by its API path) as another writer would (read, change,
   * replace with its resourceVersion).
   */
  const editLive = async (
    change: (object: any) => void,
    path = 'serving.kserve.io/v1beta1/namespaces/growth/inferenceservices/churn-predictor',
  ) => {
    const live = `${sandbox.url}/kubernetes/apis/${path}`;
    const headers = {
      Authorization: `Bearer ${SANDBOX_KUBERNETES_TOKEN}`,
      'Content-Type': 'application/json',
    };
    const isvc = await (await fetch(live, { headers })).json();
    change(isvc);
    const put = await fetch(live, {
      method: 'PUT',
      headers,
      body: JSON.stringify(isvc),
    });
    expect(put.status).toBe(200);
  };

  beforeEach(async () => {
    sandbox = await serveSandbox({ gitopsSyncDelayMs: 200 });
  });
  afterEach(async () => {
    await backend?.stop();
    await sandbox.close();
  });

  it('reads the manifest revision, compares live with Git in words, and reads Argo CD as the controller syncs', async () => {
    await start();
    const head = sandbox.github.head(SANDBOX_GITOPS_REPO, 'main')!;
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      entityRef: 'model:default/churn-predictor',
      source: {
        repoUrl,
        path: CHURN_PREDICTOR_PATH,
        branch: 'main',
        mode: 'commit',
        links: {
          repo: repoUrl,
          branch: `${repoUrl}/tree/main`,
          file: `${repoUrl}/blob/main/${CHURN_PREDICTOR_PATH}`,
        },
      },
      revision: {
        branchHead: { sha: head, url: `${repoUrl}/commit/${head}` },
        lastCommit: { sha: head, title: 'Initial commit' },
      },
      live: { state: 'matches', differences: [] },
      argocd: {
        instance: 'default',
        application: 'churn-predictor',
        sync: 'Synced',
        health: 'Healthy',
        revision: head,
        revisionUrl: `${repoUrl}/commit/${head}`,
        url: `${sandbox.url}/argocd/applications/churn-predictor`,
      },
    });

    // Someone edits which model files the live object serves by hand, beside fields the operator and Argo CD own
    // (the operator's status and generation follow the new storageUri): only the storage URI is reported.
    await editLive(isvc => {
      isvc.spec.predictor.model.storageUri =
        's3://growth-models/churn-predictor/hotfix';
      isvc.metadata.annotations['argocd.argoproj.io/tracking-id'] =
        'churn-predictor:serving.kserve.io/InferenceService:growth/churn-predictor';
    });
    expect((await read()).body.live).toEqual({
      state: 'differs',
      differences: [
        "Stable's storage URI is models:/churn-predictor/2 in Git, s3://growth-models/churn-predictor/hotfix live",
      ],
    });

    // Someone edits the live traffic by hand: it no longer matches Git (the storage URI is now the canary's, which
    // Git has none of: reported as the canary, not as a storage URI).
    await editLive(isvc => {
      isvc.metadata.annotations['mlops.backstage.io/model-version'] = '3';
      isvc.metadata.annotations['mlops.backstage.io/canary-model-version'] =
        '4';
      isvc.spec.predictor.canaryTrafficPercent = 10;
    });
    expect((await read()).body.live).toEqual({
      state: 'differs',
      differences: [
        'Stable serves v2 in Git, v3 live',
        'Stable receives 100% in Git, 90% live',
        'Live has a canary (v4 at 10%), Git has none',
      ],
    });

    // A commit to the manifest (what a canary step makes): Argo CD is out of sync until the controller applies it
    // (held back here until Argo CD has been read).
    sandbox.controller.paused = true;
    const text = sandbox.github.file(
      SANDBOX_GITOPS_REPO,
      'main',
      CHURN_PREDICTOR_PATH,
    )!;
    const commit = sandbox.github.commitFile(
      SANDBOX_GITOPS_REPO,
      'main',
      CHURN_PREDICTOR_PATH,
      text.replace(
        'mlops.backstage.io/model-version: "2"',
        'mlops.backstage.io/model-version: "3"',
      ),
      'Stable is v3',
    );
    expect(
      sandbox.github.file(SANDBOX_GITOPS_REPO, 'main', CHURN_PREDICTOR_PATH),
    ).not.toBe(text);
    sandbox.controller.tick();
    const pending = await read();
    expect(pending.body.revision.lastCommit).toMatchObject({
      sha: commit,
      title: 'Stable is v3',
    });
    expect(pending.body.argocd).toMatchObject({
      sync: 'OutOfSync',
      revision: commit,
    });
    sandbox.controller.paused = false;
    await new Promise(resolve => setTimeout(resolve, 600));
    const synced = await read();
    expect(synced.body.argocd).toMatchObject({
      sync: 'Synced',
      health: 'Healthy',
    });
    expect(synced.body.live).toEqual({ state: 'matches', differences: [] });
  });

  it("follows a KServe canary step made through Git: the step's commit is the manifest revision, live follows", async () => {
    await start();
    const config = new ConfigReader({
      kubernetes: sandboxClusterConfig(`${sandbox.url}/kubernetes`),
      integrations: sandbox.githubIntegration,
    });
    const gitops = churnPredictor().spec.serving!.gitops!;
    const manifest = new GitManifest(
      GitRepositories.fromConfig(config).forUrl(repoUrl),
      gitops,
      { message: 'Canary v3 at 5%', pullRequestBranch: 'unused' },
    );
    const claim = { rolloutId: 'r-1', instanceId: 'https://this.portal' };
    // What the engine's first canary step writes, through the Git manifest instead of the live object (the
    // controller held back until the committed state has been read).
    sandbox.controller.paused = true;
    await new KServeTrafficRouter(
      KubernetesClusters.fromConfig(config),
    ).setCanary(
      {
        cluster: 'sandbox',
        namespace: 'growth',
        name: 'churn-predictor',
        manifest,
      },
      { version: '3', modelUri: 's3://finwise-models/churn-predictor/3/' },
      5,
      { claim },
    );
    const [commit] = manifest.changes;
    expect(commit.url).toBe(`${repoUrl}/commit/${commit.sha}`);
    const committed = await read();
    expect(committed.body.revision.lastCommit).toMatchObject({
      sha: commit.sha,
      url: commit.url,
      title: 'Canary v3 at 5%',
    });
    expect(committed.body.live.differences).toEqual([
      'Stable receives 95% in Git, 100% live',
      'Git has a canary (v3 at 5%), live has none',
      "Git names rollout r-1 of portal 'https://this.portal' as the traffic's driver, live names no rollout",
    ]);
    sandbox.controller.paused = false;
    await new Promise(resolve => setTimeout(resolve, 600));
    const applied = await read();
    expect(applied.body.live).toEqual({ state: 'matches', differences: [] });
    expect(applied.body.argocd).toMatchObject({
      sync: 'Synced',
      revision: commit.sha,
    });
  });

  it("reports a hand edit of a Seldon v1 predictor's modelUri, not the operator's status or server-set metadata", async () => {
    const fraudDetector = fraudDetectorModel();
    fraudDetector.spec.serving = {
      ...fraudDetector.spec.serving!,
      platform: 'seldon',
      cluster: 'sandbox',
      gitops: {
        repoUrl,
        path: 'serving/fraud-detector.yaml',
        branch: 'main',
        mode: 'commit',
      },
    };
    await start(undefined, [fraudDetector]);
    const sdep =
      'machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector';
    // The operator's and Argo CD's writes: status, labels and annotations the manifest in Git does not have.
    await editLive(live => {
      live.status = { ...live.status, state: 'Creating', replicas: 1 };
      live.metadata.annotations = {
        ...live.metadata.annotations,
        'argocd.argoproj.io/tracking-id':
          'fraud-detector:machinelearning.seldon.io/SeldonDeployment:fraud/fraud-detector',
      };
    }, sdep);
    expect((await read('fraud-detector')).body.live).toEqual({
      state: 'matches',
      differences: [],
    });

    await editLive(live => {
      live.spec.predictors[0].graph.modelUri = 's3://fraud-models/hotfix';
    }, sdep);
    expect((await read('fraud-detector')).body.live).toEqual({
      state: 'differs',
      differences: [
        "Stable's storage URI is models:/fraud-detector/4 in Git, s3://fraud-models/hotfix live",
      ],
    });
  });

  it('reports Argo CD failing in its part, answers 503 naming GitHub when Git cannot be read, and 404 without gitops', async () => {
    // Nothing listens on port 9 of the loopback.
    await start('http://127.0.0.1:9');
    const res = await read();
    expect(res.status).toBe(200);
    expect(res.body.live.state).toBe('matches');
    expect(res.body.argocd).toEqual({
      instance: 'default',
      application: 'churn-predictor',
      error: {
        status: 503,
        message: expect.stringMatching(
          /^Argo CD 'default' could not read application churn-predictor/,
        ),
      },
    });

    const none = await read('fraud-detector');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe(
      'model:default/fraud-detector is not managed from Git (no spec.serving.gitops)',
    );

    await sandbox.close();
    const down = await read();
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(
      new RegExp(`^GitHub \\(${SANDBOX_GITHUB_HOST}\\) did not answer getRef`),
    );
  });
});
