import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import mlopsModuleKServe from '@mlops-portal/plugin-mlops-backend-module-kserve';
import { modelEntityV1alpha1Validator } from '@mlops-portal/plugin-mlops-common';
import { createSandboxApp, GitHubFake } from '@mlops-portal/sandbox';
import fs from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { repoRoot } from './__testUtils__/catalogBackend';

jest.setTimeout(30_000);

/** Where app-config.yaml expects the sandbox (scripts/start.sh starts it there). */
const DEMO_SANDBOX = 'http://127.0.0.1:7010';

/** app-config.yaml's value at `key`, with the demo sandbox's address replaced by `sandboxUrl`. */
function demoConfig(sandboxUrl: string) {
  const text = fs
    .readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8')
    .split(DEMO_SANDBOX)
    .join(sandboxUrl);
  return parse(text);
}

function churnPredictor() {
  const docs = parseAllDocuments(
    fs.readFileSync(
      path.join(repoRoot, 'examples/customer-growth.yaml'),
      'utf8',
    ),
  ).map(d => d.toJS());
  return docs.find(
    d => d.kind === 'Model' && d.metadata.name === 'churn-predictor',
  );
}

/*
 * The demo in GitOps mode, in-process: the example churn-predictor Model with app-config.yaml's GitHub
 * integration, Argo CD instance and cluster (pointed at a sandbox on a free port instead of :7010), reading the
 * new `serving/gitops` route. At the start live matches Git and Argo CD is synced to the seeded commit.
 */
describe('the GitOps demo', () => {
  let sandbox: Server;
  let github: GitHubFake;

  beforeAll(async () => {
    const app = createSandboxApp({ gitopsSyncDelayMs: 200 });
    github = app.locals.github;
    sandbox = app.listen(0, '127.0.0.1');
    await new Promise(resolve => sandbox.once('listening', resolve));
  });
  afterAll(() => new Promise(resolve => sandbox.close(resolve)));

  it("shows churn-predictor's manifest, live matching Git and its Argo CD application", async () => {
    const url = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;
    const config = demoConfig(url);
    const model = churnPredictor();
    // Valid as the catalog validates it.
    expect(modelEntityV1alpha1Validator(model)).toBeTruthy();
    const { gitops } = model.spec.serving;
    expect(config.integrations.github[0].host).toBe(
      new URL(gitops.repoUrl).host,
    );
    expect(config.mlops.argocd.instances.map((i: any) => i.name)).toContain(
      gitops.controller.instance,
    );

    const backend = await startTestBackend({
      features: [
        mlopsPlugin,
        mlopsModuleKServe,
        catalogServiceMock.factory({ entities: [model] }),
        mockServices.rootConfig.factory({
          data: {
            integrations: config.integrations,
            kubernetes: config.kubernetes,
            mlops: { argocd: config.mlops.argocd },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    try {
      const res = await request(backend.server)
        .get(
          '/api/mlops/v1/entities/model/default/churn-predictor/serving/gitops',
        )
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      const head = github.head('mlops-demo/serving-manifests', 'main');
      expect(res.body).toMatchObject({
        source: {
          repoUrl: 'https://github.example.com/mlops-demo/serving-manifests',
          path: 'serving/churn-predictor.yaml',
          mode: 'commit',
        },
        revision: { branchHead: { sha: head } },
        live: { state: 'matches', differences: [] },
        argocd: {
          application: 'churn-predictor',
          sync: 'Synced',
          health: 'Healthy',
          revision: head,
          url: `${url}/argocd/applications/churn-predictor`,
        },
      });
      // The Argo CD link lands on the stand-in's page for the application.
      const page = await fetch(res.body.argocd.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('DEMO STAND-IN');
    } finally {
      await backend.stop();
    }
  });
});
