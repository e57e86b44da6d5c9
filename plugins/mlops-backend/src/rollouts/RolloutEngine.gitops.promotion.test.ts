import { mockServices } from '@backstage/backend-test-utils';
import {
  SANDBOX_ALIAS_FILE_PATH,
  SANDBOX_GITHUB_REVIEWER_TOKEN,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import { useGitOpsRolloutTestbed } from '../__testUtils__/gitOpsRolloutTestbed';
import { SANDBOX_GITOPS_REPO_URL } from '../__testUtils__/serveSandbox';
import { AliasMover } from '../registry/AliasMover';
import { ENGINE_ACTOR } from './RolloutEngine';

jest.setTimeout(30_000);

/*
 * A rollout's own promotion in GitOps mode, for a Model whose registry policy is `changeVia: pull-request` (its
 * alias file in the sandbox's GitOps repository), on the GitOps testbed (see RolloutEngine.gitops.test.ts): a
 * protected alias's move is a pull request against the alias file, reviewed and merged on GitHub; an unprotected
 * one is moved in the registry directly.
 */
describe("RolloutEngine in GitOps mode: a rollout's own promotion, for a Model whose registry policy is changeVia: pull-request", () => {
  const t = useGitOpsRolloutTestbed();

  const MODEL = 'model:default/fraud-detector';
  const AMIRA = 'user:default/amira.haddad';
  /** What the reviewer (tom-okafor) does on GitHub, through the stand-in's REST API. */
  const mergeAsReviewer = async (number: number) => {
    const merged = await t.mergePullRequest(
      SANDBOX_GITOPS_REPO,
      number,
      SANDBOX_GITHUB_REVIEWER_TOKEN,
    );
    expect(merged.status).toBe(200);
  };
  beforeEach(() => {
    t.aliasFile = {
      repoUrl: SANDBOX_GITOPS_REPO_URL,
      branch: 'main',
      path: SANDBOX_ALIAS_FILE_PATH,
    };
  });

  it('opens the alias file pull request instead of moving a protected alias, and records the move once merged', async () => {
    t.protectedAliases = ['champion'];
    const id = await t.startRollout();
    const ended = await t.tickUntil(id, r => r.state !== 'Progressing');
    expect(ended.state).toBe('Succeeded');

    // The portal did not write the registry: the alias waits for the review.
    expect(t.mlflow.getAlias('fraud-detector', 'champion')).toBe('4');
    const [promotion] = await t.promotions.list(MODEL, {});
    expect(promotion).toMatchObject({
      state: 'pending_pull_request',
      alias: 'champion',
      fromVersion: '4',
      toVersion: '5',
      requestedBy: AMIRA,
      reason: expect.stringMatching(new RegExp(`^canary rollout ${id}: `)),
      pullRequest: {
        state: 'open',
        repoUrl: SANDBOX_GITOPS_REPO_URL,
        path: SANDBOX_ALIAS_FILE_PATH,
      },
    });
    const { number, url } = promotion.pullRequest!;
    expect(url).toBe(`${SANDBOX_GITOPS_REPO_URL}/pull/${number}`);
    const pull = t.github
      .pulls(SANDBOX_GITOPS_REPO)
      .find(p => p.number === number)!;
    expect(pull).toMatchObject({
      state: 'open',
      head: `mlops/promotion-${promotion.id}`,
      base: 'main',
      title: 'Promote fraud-detector champion: v4 → v5',
    });
    expect(
      t.github.file(SANDBOX_GITOPS_REPO, pull.head, SANDBOX_ALIAS_FILE_PATH),
    ).toMatch(/fraud-detector:\n(.*\n)*? {6}champion: "5"\n/);

    // The traffic part ended as always (its manifest commit), and the rollout says what the alias waits for.
    expect(ended.stateReason).toContain(
      `alias 'champion' moves to v5 once pull request #${number} is merged (${url}; promotion ${promotion.id})`,
    );
    const [succeeded] = (await t.store.events(id)).filter(
      e => e.type === 'transition' && e.to === 'Succeeded',
    );
    expect(succeeded).toMatchObject({
      reason: ended.stateReason,
      git: { status: 'awaiting-sync' },
    });
    expect(t.github.log(SANDBOX_GITOPS_REPO, 'main')[0].message).toMatch(
      /^Promote v5/,
    );

    // The reviewer merges on GitHub; the scheduled check records the move, merged by them.
    await mergeAsReviewer(number);
    await t.pullRequests().check();
    expect(await t.promotions.list(MODEL, { alias: 'champion' })).toMatchObject(
      [
        {
          id: promotion.id,
          state: 'completed',
          requestedBy: AMIRA,
          decisionComment: expect.stringMatching(
            new RegExp(`^merged through pull request #${number} by tom-okafor`),
          ),
          pullRequest: { number, state: 'merged', mergedBy: 'tom-okafor' },
        },
      ],
    );
  });

  /**
   * A rollout at step 1 whose protected alias's promotion was requested as its pull request and is pending with
   * it (`pendingPromotionId`), as an A/B verdict to promote leaves it; the promotion's id and pull request.
   */
  const rolloutWithPendingPullRequest = async () => {
    t.protectedAliases = ['champion'];
    const id = await t.startRollout();
    const started = await t.tickUntil(id, r => Boolean(r.stepStartedAt));
    const requested = await new AliasMover({
      store: t.promotions,
      logger: mockServices.logger.mock(),
    }).moveForRollout({
      entityRef: MODEL,
      registry: (await t.modelInfo()).registry(),
      registeredModel: 'fraud-detector',
      alias: 'champion',
      toVersion: '5',
      actor: AMIRA,
      reason: `abtest rollout ${id}: B is better`,
      viaPullRequest: record =>
        t.pullRequests().open(record, t.aliasFile!, 'mlflow'),
    });
    expect(requested.state).toBe('pending_pull_request');
    const pending = { ...started, pendingPromotionId: requested.id };
    expect(await t.store.save(pending, started, [])).toBe(true);
    return { id, promotion: requested, rollout: pending };
  };

  it('completes a rollout whose pending pull request was merged without writing anything more', async () => {
    const { id, promotion, rollout } = await rolloutWithPendingPullRequest();
    await mergeAsReviewer(promotion.pullRequest!.number);
    await t.pullRequests().check();
    const pulls = t.github.pulls(SANDBOX_GITOPS_REPO).length;
    await t
      .engine()
      .complete(
        rollout,
        ENGINE_ACTOR,
        `A/B test: promotion ${promotion.id} merged`,
      );
    const ended = (await t.store.get(id))!;
    expect(ended.state).toBe('Succeeded');
    expect(ended.stateReason).not.toContain('once pull request');
    // The merged pull request is the move: no second request, no registry write (CI applies the file).
    expect(await t.promotions.list(MODEL, {})).toMatchObject([
      { id: promotion.id, state: 'completed' },
    ]);
    expect(t.github.pulls(SANDBOX_GITOPS_REPO)).toHaveLength(pulls);
  });

  it('aborting a rollout whose pull request is open leaves it pending and asks for it to be closed', async () => {
    const { id, promotion, rollout } = await rolloutWithPendingPullRequest();
    const { number, url } = promotion.pullRequest!;
    await t.engine().rollBack(rollout, 'Aborted', 'changed my mind', AMIRA);
    const ended = (await t.store.get(id))!;
    expect(ended.state).toBe('Aborted');
    expect(ended.stateReason).toContain(
      `changed my mind; pull request #${number} (${url}) of promotion ${promotion.id} is still open: close it`,
    );
    expect((await t.promotions.get(promotion.id))!.state).toBe(
      'pending_pull_request',
    );
    expect(t.mlflow.getAlias('fraud-detector', 'champion')).toBe('4');
  });

  it('fails the ending before its Git change when the alias file is refused', async () => {
    t.protectedAliases = ['champion'];
    t.aliasFile = { ...t.aliasFile!, path: '../aliases.yaml' };
    const id = await t.startRollout();
    const ended = await t.tickUntil(id, r => r.state !== 'Progressing');
    expect(ended.state).toBe('Failed');
    expect(ended.stateReason).toMatch(
      /^could not finish: .*'\.\.\/aliases\.yaml' is not an alias file path/,
    );
    expect(t.github.log(SANDBOX_GITOPS_REPO, 'main')[0].message).not.toMatch(
      /^Promote/,
    );
    expect(await t.promotions.list(MODEL, {})).toEqual([]);
    expect(t.mlflow.getAlias('fraud-detector', 'champion')).toBe('4');
  });

  it('moves an unprotected alias in the registry directly, as without the policy', async () => {
    t.protectedAliases = [];
    const pullsBefore = t.github.pulls(SANDBOX_GITOPS_REPO).length;
    const id = await t.startRollout();
    const ended = await t.tickUntil(id, r => r.state !== 'Progressing');
    expect(ended.state).toBe('Succeeded');
    expect(ended.stateReason).not.toContain('pull request');
    expect(t.mlflow.getAlias('fraud-detector', 'champion')).toBe('5');
    expect(await t.promotions.list(MODEL, {})).toMatchObject([
      { state: 'completed', fromVersion: '4', toVersion: '5' },
    ]);
    expect(t.github.pulls(SANDBOX_GITOPS_REPO)).toHaveLength(pullsBefore);
  });
});
