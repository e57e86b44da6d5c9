import {
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import { useGitOpsRolloutTestbed } from '../__testUtils__/gitOpsRolloutTestbed';

jest.setTimeout(30_000);

/*
 * A rollout's steps in GitOps mode (commit mode), end to end in-process on the GitOps testbed: the sandbox's
 * GitHub stand-in and GitOps controller (applying the branch head after 200 ms), the Seldon v1 router and the
 * engine, with a Prometheus stand-in noting when the analysis started. Endings and pull-request mode are in
 * RolloutEngine.gitops.endings.test.ts, a rollout's own promotion under a pull-request registry policy in
 * RolloutEngine.gitops.promotion.test.ts.
 */
describe('RolloutEngine in GitOps mode: steps', () => {
  const t = useGitOpsRolloutTestbed();

  it('makes each step one commit, starts the step (and its analysis) only once the live object shows it', async () => {
    const id = await t.startRollout([
      { weight: 30, durationSeconds: 0 },
      { weight: 100, durationSeconds: 0 },
    ]);
    await t.engine().tick();
    const commits = t.github.log(SANDBOX_GITOPS_REPO, 'main');
    expect(commits).toHaveLength(2);
    expect(commits[0].message).toBe(
      `Step 1/2: canary at 30%, v5 (rollout ${id} of model:default/fraud-detector)\n\nBy user:default/amira.haddad, through the MLOps Portal.\nhttps://portal.example.com/catalog/default/model/fraud-detector`,
    );
    expect(t.github.file(SANDBOX_GITOPS_REPO, 'main', t.path)).toContain(
      'traffic: 70\n',
    );
    // Committed, not yet applied: the live object is untouched and nothing was measured.
    expect(await t.live()).toEqual([['stable', 100]]);
    const waiting = (await t.store.get(id))!;
    expect(waiting.stepStartedAt).toBeUndefined();

    const started = await t.tickUntil(id, r => Boolean(r.stepStartedAt));
    expect(await t.live()).toEqual([
      ['stable', 70],
      ['canary', 30],
    ]);
    expect(t.queriedAt.length).toBe(0);
    const events = await t.store.events(id);
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

    const done = await t.tickUntil(
      id,
      r => r.state !== 'Progressing' || r.stepIndex === 1,
    );
    expect(done.stepIndex).toBe(1);
    expect(t.queriedAt.length).toBeGreaterThan(0);
    expect(Math.min(...t.queriedAt)).toBeGreaterThanOrEqual(appliedAt);
    // Step 2 is its own commit.
    await t.tickUntil(id, r => r.stepIndex === 1 && Boolean(r.stepStartedAt));
    expect(t.github.log(SANDBOX_GITOPS_REPO, 'main')[0].message).toMatch(
      /^Step 2\/2: canary at 100%, v5/,
    );
    expect(await t.live()).toEqual([
      ['stable', 0],
      ['canary', 100],
    ]);
  });

  it('pauses a rollout whose Git change the cluster never applies, naming the commit and the timeout', async () => {
    t.controller.paused = true;
    const id = await t.startRollout();
    await t.engine().tick();
    const sha = t.github.head(SANDBOX_GITOPS_REPO, 'main')!;
    await t.engine().tick();
    expect((await t.store.get(id))!.state).toBe('Progressing');
    t.clock = Date.now() + 5 * 60_000 + 1000;
    await t.engine().tick();
    const paused = (await t.store.get(id))!;
    expect(paused.state).toBe('Paused');
    expect(paused.stateReason).toBe(
      `Git change ${sha.slice(
        0,
        7,
      )} not applied after 5 min; check the GitOps controller, then resume or abort`,
    );
    expect(await t.live()).toEqual([['stable', 100]]);
  });

  it('never writes the traffic of a Seldon Core v2 Model in GitOps mode: its rollout fails before any write, saying why', async () => {
    const id = await t.startRollout(undefined, 'seldon-v2');
    const head = t.github.head(SANDBOX_GITOPS_REPO, 'main');
    await t.engine().tick();
    const failed = (await t.store.get(id))!;
    expect(failed.state).toBe('Failed');
    expect(failed.stateReason).toMatch(
      /^could not set up step 1 \(canary at 30%\): InputError: model:default\/fraud-detector declares spec\.serving\.gitops, but Seldon Core v2 cannot be managed from Git: .*GitOps mode supports Seldon Core v1;/,
    );
    expect(t.github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(head);
  });
});
