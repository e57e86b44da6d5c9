import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * GitOps mode (issue 20): churn-predictor's KServe traffic is managed from Git. Jonas (who works with Growth ML in
 * the demo) starts a canary; its first step is a commit to the sandbox's GitHub stand-in, the stand-in's GitOps
 * controller applies it to the Kubernetes stand-in a few seconds later, and the Deployment tab links the commit,
 * says when it is applied and shows the Argo CD Application's status. He aborts it: the abort is a commit too.
 * Then he promotes churn-predictor's v3 to champion, which its registry policy (`changeVia: pull-request`) turns into
 * a pull request against the repository's alias file; a reviewer merges it on the Git host (the stand-in's merge
 * API, with the reviewer's token) and the Registry tab records the move, merged by the reviewer.
 */
const portal = portalForTests();

const SANDBOX = process.env.MLOPS_E2E_SANDBOX_URL ?? 'http://127.0.0.1:7011';
const REPO = 'mlops-demo/serving-manifests';
const MANIFEST = 'serving/churn-predictor.yaml';
const COMMIT_LINK = new RegExp(
  `^https://github\\.example\\.com/${REPO}/commit/([0-9a-f]{40})$`,
);

/** The newest commit touching the manifest on main, as the GitHub stand-in answers GitHub's list-commits API. */
async function lastManifestCommit(): Promise<{
  sha: string;
  commit: { message: string };
}> {
  const response = await fetch(
    `${SANDBOX}/github/repos/${REPO}/commits?path=${encodeURIComponent(
      MANIFEST,
    )}&sha=main&per_page=1`,
    { headers: { Authorization: 'Bearer sandbox-github-token' } },
  );
  assert.equal(response.status, 200, await response.clone().text());
  const [commit] = (await response.json()) as any[];
  return commit;
}

describe('GitOps mode in a browser', () => {
  it('shows the Git side of churn-predictor and makes each canary step a linked commit', async () => {
    const { page } = portal;
    await portal.open(
      '/catalog/default/model/churn-predictor/deployment',
      'Jonas Berg',
    );
    const git = page.locator('article', {
      hasText: 'Traffic is managed from Git',
    });
    await git.getByText('Live matches Git').waitFor();
    await git
      .getByText(/Synced/)
      .first()
      .waitFor();
    await git
      .getByText(/Healthy/)
      .first()
      .waitFor();
    const manifest = git.getByRole('link', { name: /churn-predictor\.yaml/ });
    assert.equal(
      await manifest.getAttribute('href'),
      `https://github.example.com/${REPO}/blob/main/${MANIFEST}`,
    );

    const start = page.getByRole('button', {
      name: 'Roll out challenger v3',
    });
    await start.waitFor();
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('button[disabled]')].some(b =>
          (b.textContent ?? '').includes('Roll out challenger'),
        ),
    );
    await start.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Reason/).fill('v3 beats v2 offline; canary it');
    await dialog.getByRole('button', { name: 'Start canary' }).click();

    // The engine's first tick commits step 1 to main; the timeline links that commit.
    const change = page.getByTestId('rollout-git-change').first();
    await change.waitFor({ timeout: 30_000 });
    const href = (await change.getByRole('link').first().getAttribute('href'))!;
    const [, sha] = href.match(COMMIT_LINK) ?? [];
    assert.ok(sha, `a commit link, got ${href}`);
    const commit = await lastManifestCommit();
    assert.equal(commit.sha, sha);
    assert.match(commit.commit.message, /^Step 1\/\d+: canary at 5%, v3/);
    assert.match(commit.commit.message, /model:default\/churn-predictor/);

    // The stand-in's controller applies it after its delay; the engine sees the live object follow.
    await page
      .getByRole('list', { name: 'Rollout timeline' })
      .getByText(/applied/)
      .first()
      .waitFor({ timeout: 30_000 });
    await git.getByText(sha.slice(0, 7)).first().waitFor();
    await git.getByText('Live matches Git').waitFor();
    const timeline = page.getByRole('list', { name: 'Rollout timeline' });
    await timeline.scrollIntoViewIfNeeded();
    await portal.screenshot('model-deployment-gitops');

    // An abort is a commit as well, and the rollout says so.
    await page.getByRole('button', { name: 'Abort' }).click();
    const abort = page.getByRole('dialog');
    await abort.getByLabel(/Reason/).fill('end the GitOps demo canary');
    await abort.getByRole('button', { name: 'Abort' }).click();
    await page.getByText('Aborted', { exact: true }).first().waitFor();
    await page.waitForFunction(
      async previous => {
        const links = [
          ...document.querySelectorAll('[data-testid="rollout-git-change"] a'),
        ].map(a => a.getAttribute('href'));
        return links.some(l => l && !l.endsWith(previous));
      },
      sha,
      { timeout: 30_000 },
    );
    const abortCommit = await lastManifestCommit();
    assert.notEqual(abortCommit.sha, sha);
    // Live follows Git again once the controller applied the abort.
    await git.getByText('Live matches Git').waitFor({ timeout: 30_000 });
  });

  it('turns a champion promotion into a pull request and records the move when it merges', async () => {
    const { page } = portal;
    await portal.open(
      '/catalog/default/model/churn-predictor/registry',
      'Jonas Berg',
    );
    await page.getByRole('button', { name: 'Promote version 3' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Alias').selectOption('champion');
    await dialog
      .getByText(/opens a pull request against its alias file/)
      .waitFor();
    await dialog
      .getByLabel(/Reason/)
      .fill('v3 keeps more customers; make it champion');
    await dialog.getByRole('button', { name: 'Open pull request' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const waiting = page.getByRole('list', {
      name: 'Promotions waiting for pull requests',
    });
    const link = waiting.getByRole('link', {
      name: /Waiting for pull request #\d+/,
    });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    const [, number] =
      href.match(
        new RegExp(`^https://github\\.example\\.com/${REPO}/pull/(\\d+)$`),
      ) ?? [];
    assert.ok(number, `a pull request link, got ${href}`);
    await waiting.getByText('champion: v2 → v3').first().waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Approve' }).count(),
      0,
    );
    await portal.screenshot('model-registry-pull-request');

    // The reviewer merges it on the Git host; the portal notices (it looks every 15 s while a pull request waits).
    const merged = await fetch(
      `${SANDBOX}/github/repos/${REPO}/pulls/${number}/merge`,
      {
        method: 'PUT',
        headers: {
          Authorization: 'Bearer sandbox-github-reviewer-token',
          'Content-Type': 'application/json',
        },
        body: '{}',
      },
    );
    assert.equal(merged.status, 200, await merged.text());
    const history = page.getByRole('list', { name: 'Promotion history' });
    await history
      .getByText('champion moved v2 → v3')
      .first()
      .waitFor({ timeout: 45_000 });
    await history
      .getByText(/merged by tom-okafor at/)
      .first()
      .waitFor();
    await waiting.waitFor({ state: 'hidden' });
  });
});
