import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { MODEL_REGISTRY_EVENTS_TOPIC } from '@mlops-portal/plugin-mlops-node';
import {
  SANDBOX_ALIAS_FILE_PATH,
  SANDBOX_GITHUB_REVIEWER_TOKEN,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import request from 'supertest';
import { mlopsRouteHarness } from '../../__testUtils__/mlopsRouteHarness';
import {
  FRAUD_DETECTOR_ROUTES as base,
  promotionRoutesClient,
} from '../../__testUtils__/promotionRoutesClient';
import {
  SANDBOX_GITOPS_REPO_URL as REPO_URL,
  serveSandbox,
  ServedSandbox,
} from '../../__testUtils__/serveSandbox';
import {
  AMIRA,
  fraudDetectorModel,
  JONAS,
} from '../../__testUtils__/startMlopsBackend';
import { OUTSIDE_THE_PORTAL } from '../RegistryEventsListener';

// Several backends start per file; on a loaded machine one test may take longer than jest's 5 s.
jest.setTimeout(20_000);

const as = (user: string) => mockCredentials.user.header(user);

/*
 * Promotions in pull-request mode through the routes, against the sandbox's GitHub stand-in served over HTTP
 * (the same one the demo runs) and its CI stand-in that applies the merged alias file to the sandbox's MLflow.
 * The portal's own MLflow is the harness's fake (msw): the portal must not write it in this mode.
 */
describe('promotions through pull requests (registry.changeVia: pull-request)', () => {
  let sandbox: ServedSandbox;
  let repoUrl = REPO_URL;
  const events = mockServices.events();

  beforeAll(async () => {
    sandbox = await serveSandbox({ gitopsSyncDelayMs: 50 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    repoUrl = REPO_URL;
  });

  const options = () => {
    const model = fraudDetectorModel();
    Object.assign(model.spec.registry!, {
      changeVia: 'pull-request',
      aliasFile: { repoUrl, branch: 'main' },
    });
    return {
      entities: [model],
      config: {
        app: { baseUrl: 'https://portal.example.com' },
        integrations: sandbox.githubIntegration,
      },
      features: [
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
      ],
    };
  };
  const t = mlopsRouteHarness(options);

  const { promote, requestChampion, history, decide } =
    promotionRoutesClient(t);
  /** What a reviewer does on GitHub, through the stand-in's REST API. */
  const reviewer = (method: 'PUT' | 'PATCH', path: string, body: object) =>
    fetch(`${sandbox.url}/github/repos/${SANDBOX_GITOPS_REPO}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${SANDBOX_GITHUB_REVIEWER_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  it('a promotion via a pull request, recorded when merged', async () => {
    const res = await requestChampion();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'pending_pull_request',
      fromVersion: '4',
      toVersion: '6',
      pullRequest: {
        state: 'open',
        repoUrl: REPO_URL,
        path: 'deploy/aliases.yaml',
      },
    });
    const { number, url } = res.body.pullRequest;
    expect(url).toBe(`${REPO_URL}/pull/${number}`);

    // The pull request: its branch, the file it edits, what its title and body say.
    const pull = sandbox.github
      .pulls(SANDBOX_GITOPS_REPO)
      .find(p => p.number === number)!;
    expect(pull.head).toBe(`mlops/promotion-${res.body.id}`);
    expect(pull.base).toBe('main');
    expect(pull.title).toBe('Promote fraud-detector champion: v4 → v6');
    expect(pull.body).toContain(
      `Requested by ${AMIRA} in the MLOps Portal: v6 beats v4 on AUC`,
    );
    expect(pull.body).toMatch(/✅ auc min 0\.9: measured 0\.9\d+/);
    expect(pull.body).toContain(
      'https://portal.example.com/catalog/default/model/fraud-detector/registry',
    );
    expect(
      sandbox.github.file(
        SANDBOX_GITOPS_REPO,
        pull.head,
        SANDBOX_ALIAS_FILE_PATH,
      ),
    ).toMatch(
      /models:\n {2}fraud-detector:\n {4}registry: mlflow\n {4}instance: default\n {4}aliases:\n {6}champion: "6"\n/,
    );

    // The review is the approval: no in-portal approval, one open request per alias, nothing moved yet.
    const approve = await decide(
      res.body.id,
      'approve',
      JONAS,
      'approving in the portal',
    );
    expect(approve.status).toBe(409);
    expect(
      (
        await promote(
          { alias: 'champion', version: '3', reason: 'rival' },
          JONAS,
        )
      ).status,
    ).toBe(409);
    expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');

    const merged = await reviewer('PUT', `/pulls/${number}/merge`, {});
    expect(merged.status).toBe(200);

    // Reading the history looks at the pull request: merged, by whom, when.
    const items = await history();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: res.body.id,
      state: 'completed',
      requestedBy: AMIRA,
      decisionComment: expect.stringMatching(
        /^merged through pull request #\d+ by tom-okafor/,
      ),
      pullRequest: { number, state: 'merged', mergedBy: 'tom-okafor' },
    });
    expect(items[0].completedAt).toBe(items[0].pullRequest.mergedAt);
    // The portal did not write the registry; the demo's CI applies the merged file to its MLflow.
    expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');
    for (
      let i = 0;
      i < 40 && sandbox.mlflow.getAlias('fraud-detector', 'champion') !== '6';
      i++
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(sandbox.mlflow.getAlias('fraud-detector', 'champion')).toBe('6');
    expect(sandbox.aliasCi.runs.at(-1)?.applied).toContainEqual({
      model: 'fraud-detector',
      alias: 'champion',
      version: '6',
    });
    // The lock went with the outcome.
    expect(
      (await promote({ alias: 'champion', version: '3', reason: 'next' })).body
        .state,
    ).toBe('pending_pull_request');
  });

  it('commits a rollback straight to the alias file, so CI does not undo it', async () => {
    const res = await requestChampion();
    const { number } = res.body.pullRequest;
    expect((await reviewer('PUT', `/pulls/${number}/merge`, {})).status).toBe(
      200,
    );
    expect((await history())[0].state).toBe('completed');
    // Once CI moved the portal's registry, a rollback is the emergency path: the portal moves the alias
    // itself and commits the alias file directly, so CI does not put v6 back.
    t.fake.setAlias('fraud-detector', 'champion', '6');
    const rolledBack = await request(t.backend.server)
      .post(`${base}/rollbacks`)
      .set('Authorization', as(JONAS))
      .send({ alias: 'champion', reason: 'v6 misbehaves' });
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.body).toMatchObject({
      state: 'completed',
      toVersion: '4',
    });
    expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');
    expect(
      sandbox.github.file(SANDBOX_GITOPS_REPO, 'main', SANDBOX_ALIAS_FILE_PATH),
    ).toContain('      champion: "4"\n');
    expect(sandbox.github.log(SANDBOX_GITOPS_REPO, 'main')[0].message).toMatch(
      /^Roll back fraud-detector champion: v6 → v4\n\nCommitted directly/,
    );
  });

  it("does not report the registry's move by CI as a move outside the portal", async () => {
    const res = await requestChampion();
    expect(
      (await reviewer('PUT', `/pulls/${res.body.pullRequest.number}/merge`, {}))
        .status,
    ).toBe(200);
    // CI applied the file and MLflow's webhook arrives before the portal looked at the pull request again.
    const event = {
      type: 'alias.set',
      provider: 'mlflow',
      instance: 'default',
      registeredModel: 'fraud-detector',
      alias: 'champion',
      version: '6',
      sentAt: new Date().toISOString(),
      deliveryId: 'd-ci',
    };
    await events.publish({
      topic: MODEL_REGISTRY_EVENTS_TOPIC,
      eventPayload: event,
    });
    await events.publish({
      topic: MODEL_REGISTRY_EVENTS_TOPIC,
      eventPayload: { ...event, deliveryId: 'd-ci-again' },
    });
    const items = await history();
    expect(items.map((i: any) => [i.requestedBy, i.state])).toEqual([
      [AMIRA, 'completed'],
    ]);
    expect(items.some((i: any) => i.requestedBy === OUTSIDE_THE_PORTAL)).toBe(
      false,
    );
  });

  it('records a pull request closed without merging as rejected, which frees the alias', async () => {
    const res = await requestChampion();
    const { number } = res.body.pullRequest;
    expect(
      (await reviewer('PATCH', `/pulls/${number}`, { state: 'closed' })).status,
    ).toBe(200);
    const [item] = await history();
    expect(item).toMatchObject({
      state: 'rejected',
      decisionComment: `pull request #${number} was closed without merging`,
      pullRequest: { number, state: 'closed' },
    });
    expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');
    expect((await requestChampion()).body.state).toBe('pending_pull_request');
  });

  it('moves an unprotected alias directly, without a pull request', async () => {
    const pulls = sandbox.github.pulls(SANDBOX_GITOPS_REPO).length;
    const res = await promote({
      alias: 'challenger',
      version: '3',
      reason: 'shadow test',
    });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('completed');
    expect(res.body.pullRequest).toBeUndefined();
    expect(t.fake.getAlias('fraud-detector', 'challenger')).toBe('3');
    expect(sandbox.github.pulls(SANDBOX_GITOPS_REPO)).toHaveLength(pulls);
  });

  it('says in a dry run that the approval is a pull request, and refuses a host not in integrations', async () => {
    const plan = await promote({
      alias: 'champion',
      version: '6',
      reason: 'dry',
      dryRun: true,
    });
    expect(plan.body).toMatchObject({
      needsApproval: true,
      viaPullRequest: true,
    });

    repoUrl = 'https://github.com/acme/serving-manifests';
    await t.restart(options());
    const refused = await requestChampion();
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /github\.com is not configured under integrations/,
    );
    expect(await history()).toEqual([]);
  });
});
