import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  SANDBOX_ALIAS_FILE_PATH,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITHUB_REVIEWER_TOKEN,
  SANDBOX_GITHUB_TOKEN,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import {
  GitOpsRolloutTestbed,
  startGitOpsRolloutTestbed,
} from '../__testUtils__/gitOpsRolloutTestbed';
import { SANDBOX_GITOPS_REPO_URL } from '../__testUtils__/serveSandbox';
import { AliasMover } from '../registry/AliasMover';
import { ENGINE_ACTOR } from './RolloutEngine';

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/*
 * A rollout's endings in GitOps mode, and a step proposed as a pull request, on the GitOps testbed (see
 * RolloutEngine.gitops.test.ts): an ending is a direct commit, the rollout takes its final state at once, and the
 * engine follows the commit until the live object shows it or the sync timeout passes.
 */
describe('RolloutEngine in GitOps mode: pull requests and endings', () => {
  let t: GitOpsRolloutTestbed;

  beforeEach(async () => {
    t = await startGitOpsRolloutTestbed();
  });

  afterEach(async () => {
    await t?.stop();
  });

  it('in pull-request mode, proposes a step as a pull request and aborts with a direct commit', async () => {
    t.gitops = { ...t.gitops, mode: 'pull-request' };
    const id = await t.startRollout();
    const base = t.github.head(SANDBOX_GITOPS_REPO, 'main');
    await t.engine().tick();
    expect(t.github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(base);
    expect(t.github.pulls(SANDBOX_GITOPS_REPO)).toMatchObject([
      {
        number: 1,
        state: 'open',
        head: `mlops/rollout-${id}-step-1`,
        base: 'main',
      },
    ]);
    await t.engine().tick();
    expect((await t.store.get(id))!.stepStartedAt).toBeUndefined();

    // The reviewer merges; the engine sees it and waits for the sync.
    const merged = await fetch(
      `${t.sandboxUrl}/github/repos/${SANDBOX_GITOPS_REPO}/pulls/1/merge`,
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
    await t.tickUntil(id, r => Boolean(r.stepStartedAt));
    expect(await t.live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);

    await t
      .engine()
      .rollBack(
        (await t.store.get(id))!,
        'Aborted',
        'latency looks off',
        'user:default/amira.haddad',
      );
    const aborted = (await t.store.get(id))!;
    expect(aborted.state).toBe('Aborted');
    expect(aborted.stateReason).toMatch(
      /^latency looks off; canary at 0%, committed directly to Git \([0-9a-f]{7}\)$/,
    );
    expect(t.github.pulls(SANDBOX_GITOPS_REPO)).toHaveLength(1);
    const [abort] = t.github.log(SANDBOX_GITOPS_REPO, 'main');
    expect(abort.message).toContain('Abort: latency looks off');
    expect(abort.message).toContain('By user:default/amira.haddad');
    expect(abort.message).toContain(
      'Committed directly to main: an emergency path',
    );
    expect(t.github.file(SANDBOX_GITOPS_REPO, 'main', t.path)).toMatch(
      /name: canary\n(.*\n)*?\s+traffic: 0\n/,
    );
  });

  /** A rollout whose step 1 (canary at 30%) is live, ended by a person's abort while the controller is stopped. */
  const abortWhileControllerStopped = async () => {
    const id = await t.startRollout();
    await t.tickUntil(id, r => Boolean(r.stepStartedAt));
    t.controller.paused = true;
    await t
      .engine()
      .rollBack(
        (await t.store.get(id))!,
        'Aborted',
        'latency looks off',
        'user:default/amira.haddad',
      );
    const sha = t.github.head(SANDBOX_GITOPS_REPO, 'main')!;
    const git = {
      sha,
      url: `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}/commit/${sha}`,
    };
    return { id, sha, git };
  };
  const endingEvents = async (id: string) =>
    (await t.store.events(id)).filter(
      e => e.type === 'transition' && e.to === 'Aborted',
    );

  it('ends an abort at once with its commit awaiting the sync, and records it applied once the live object shows it', async () => {
    const { id, git } = await abortWhileControllerStopped();
    const aborted = (await t.store.get(id))!;
    expect(aborted.state).toBe('Aborted');
    expect(await endingEvents(id)).toMatchObject([
      { from: 'Progressing', git: { ...git, status: 'awaiting-sync' } },
    ]);

    // Not applied yet: the engine looks, records nothing, and looks again later.
    await t.engine().tick();
    expect(await endingEvents(id)).toHaveLength(1);
    expect(await t.live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);

    t.controller.paused = false;
    const e = t.engine();
    for (let i = 0; i < 60 && (await endingEvents(id)).length < 2; i++) {
      await sleep(50);
      await e.tick();
    }
    expect(await t.live()).toEqual([
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
    const after = (await t.store.get(id))!;
    expect(after.state).toBe('Aborted');
    expect(after.stateReason).toBe(aborted.stateReason);
    // Followed to the end: later ticks record nothing more.
    await t.engine().tick();
    expect(await endingEvents(id)).toHaveLength(2);
  });

  it('reports an ending whose Git change is not applied within the sync timeout, reverting nothing', async () => {
    const { id, sha, git } = await abortWhileControllerStopped();
    await t.engine().tick();
    expect(await endingEvents(id)).toHaveLength(1);

    t.clock = Date.now() + 5 * 60_000 + 1000;
    await t.engine().tick();
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
    const after = (await t.store.get(id))!;
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
    expect(t.github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(sha);
    expect(await t.live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);
    await t.engine().tick();
    expect(await endingEvents(id)).toHaveLength(2);
  });

  it("reads an ended rollout's traffic as its ending's Git change waiting to be applied until the sync timeout, then as an orphan again", async () => {
    const { id, sha, git } = await abortWhileControllerStopped();
    const entityRef = 'model:default/fraud-detector';
    const read = () => t.liveServing().read(entityRef, mockCredentials.user());
    const blocker = () =>
      t.liveServing().blockerForNewRollout(entityRef, t.gitOpsModel());

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
    t.clock = since + 5 * 60_000 - 1;
    expect((await read()).pendingGitChange).toBeDefined();
    t.clock = since + 5 * 60_000;
    const lapsed = await read();
    expect(lapsed.pendingGitChange).toBeUndefined();
    expect(lapsed.orphan).toBe(
      `v5 receives 30% and no rollout drives it (claimed by rollout ${id} of portal 'gitops-test-portal')`,
    );
    expect(await blocker()).toMatch(/Return all traffic to stable/);

    // The ending's follow-up records it not applied: an orphan on any clock from then on.
    t.clock = since + 5 * 60_000 + 1000;
    await t.engine().tick();
    expect(await endingEvents(id)).toHaveLength(2);
    t.clock = undefined;
    expect((await read()).orphan).toMatch(/no rollout drives it/);
  });

  describe("a rollout's own promotion, for a Model whose registry policy is changeVia: pull-request", () => {
    const MODEL = 'model:default/fraud-detector';
    const AMIRA = 'user:default/amira.haddad';
    /** What the reviewer (tom-okafor) does on GitHub, through the stand-in's REST API. */
    const mergeAsReviewer = async (number: number) => {
      const merged = await fetch(
        `${t.sandboxUrl}/github/repos/${SANDBOX_GITOPS_REPO}/pulls/${number}/merge`,
        {
          method: 'PUT',
          headers: {
            Authorization: `Bearer ${SANDBOX_GITHUB_REVIEWER_TOKEN}`,
            'Content-Type': 'application/json',
          },
          body: '{}',
        },
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
      expect(
        await t.promotions.list(MODEL, { alias: 'champion' }),
      ).toMatchObject([
        {
          id: promotion.id,
          state: 'completed',
          requestedBy: AMIRA,
          decisionComment: expect.stringMatching(
            new RegExp(`^merged through pull request #${number} by tom-okafor`),
          ),
          pullRequest: { number, state: 'merged', mergedBy: 'tom-okafor' },
        },
      ]);
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
});
