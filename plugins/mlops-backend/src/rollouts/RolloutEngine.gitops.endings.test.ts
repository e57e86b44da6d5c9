import { mockCredentials } from '@backstage/backend-test-utils';
import {
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import { useGitOpsRolloutTestbed } from '../__testUtils__/gitOpsRolloutTestbed';

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/*
 * A rollout's endings in GitOps mode, and a step proposed as a pull request, on the GitOps testbed (see
 * RolloutEngine.gitops.test.ts): an ending is a direct commit, the rollout takes its final state at once, and the
 * engine follows the commit until the live object shows it or the sync timeout passes. A rollout's own promotion
 * under a pull-request registry policy is in RolloutEngine.gitops.promotion.test.ts.
 */
describe('RolloutEngine in GitOps mode: pull requests and endings', () => {
  const t = useGitOpsRolloutTestbed();

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
    const merged = await t.mergePullRequest(SANDBOX_GITOPS_REPO, 1);
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
});
