import {
  GitHubFake,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import { GitManifest } from './GitManifest';
import { GitRepositories } from './GitRepositories';
import { startSandboxGitHub } from './__testUtils__/sandboxGitHub';

/*
 * GitOps writes against the sandbox's GitHub stand-in over HTTP: GitHub's contents, refs and pulls contracts,
 * its sha check and error bodies.
 */
describe('GitManifest on GitHub', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxGitHub>>;
  let github: GitHubFake;
  let repos: GitRepositories;
  const repoUrl = `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}`;
  const path = 'serving/fraud-detector.yaml';
  const ref = {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    namespace: 'fraud',
    name: 'fraud-detector',
  };
  const toWeight = (weight: number) => (sdep: any) => {
    sdep.spec.predictors[0].traffic = weight;
    return sdep;
  };

  beforeEach(async () => {
    sandbox = await startSandboxGitHub();
    ({ github, repos } = sandbox);
  });

  afterEach(() => sandbox.stop());

  const source = (mode: 'commit' | 'pull-request') => ({
    repoUrl,
    path,
    branch: 'main',
    mode,
  });

  it('commits the edit to the branch, with the message, naming the sha it read', async () => {
    const before = github.file(SANDBOX_GITOPS_REPO, 'main', path)!;
    const manifest = new GitManifest(repos.forUrl(repoUrl), source('commit'), {
      message: 'Rollout r-1: step 1\n\nBy user:default/amira',
      pullRequestBranch: 'unused',
    });
    const written = await manifest.update<any>(ref, toWeight(70));
    expect(written.spec.predictors[0].traffic).toBe(70);
    const head = github.head(SANDBOX_GITOPS_REPO, 'main')!;
    expect(manifest.changes).toEqual([
      { sha: head, url: `${repoUrl}/commit/${head}` },
    ]);
    expect(github.log(SANDBOX_GITOPS_REPO, 'main')[0].message).toBe(
      'Rollout r-1: step 1\n\nBy user:default/amira',
    );
    const after = github.file(SANDBOX_GITOPS_REPO, 'main', path)!;
    expect(after).toBe(before.replace(/traffic: 100\n/, 'traffic: 70\n'));
  });

  it('reads again and re-applies the change when someone else committed in between', async () => {
    github.beforeNextPut = () => {
      const theirs = github
        .file(SANDBOX_GITOPS_REPO, 'main', path)!
        .replace(
          '# Owned by the platform team',
          '# Owned by the platform team (ask #platform)',
        );
      github.commitFile(
        SANDBOX_GITOPS_REPO,
        'main',
        path,
        theirs,
        'Platform: comment',
      );
    };
    const manifest = new GitManifest(repos.forUrl(repoUrl), source('commit'), {
      message: 'Rollout r-1: step 1',
      pullRequestBranch: 'unused',
    });
    await manifest.update<any>(ref, toWeight(60));
    const puts = github.calls.filter(c => c.startsWith('PUT '));
    expect(puts).toHaveLength(2);
    const after = github.file(SANDBOX_GITOPS_REPO, 'main', path)!;
    expect(after).toContain('(ask #platform)');
    expect(after).toContain('traffic: 60\n');
    expect(github.log(SANDBOX_GITOPS_REPO, 'main').map(c => c.message)).toEqual(
      ['Rollout r-1: step 1', 'Platform: comment', 'Initial commit'],
    );
  });

  it('opens a pull request in pull-request mode and leaves the branch alone until it is merged', async () => {
    const base = github.head(SANDBOX_GITOPS_REPO, 'main');
    const manifest = new GitManifest(
      repos.forUrl(repoUrl),
      source('pull-request'),
      {
        message:
          'Rollout r-2: step 1, canary at 30%\n\nStarted by user:default/amira',
        pullRequestBranch: 'mlops/rollout-r-2-step-1',
      },
    );
    await manifest.update<any>(ref, toWeight(70));
    expect(github.head(SANDBOX_GITOPS_REPO, 'main')).toBe(base);
    expect(manifest.changes).toEqual([
      {
        url: `${repoUrl}/pull/1`,
        pullRequest: { number: 1, url: `${repoUrl}/pull/1` },
      },
    ]);
    const repo = repos.forUrl(repoUrl);
    expect(await repo.getPullRequest(1)).toMatchObject({
      state: 'open',
      merged: false,
    });
    const merged = await repo.mergePullRequest(1);
    expect(await repo.getPullRequest(1)).toEqual({
      number: 1,
      url: `${repoUrl}/pull/1`,
      state: 'closed',
      merged: true,
      mergeCommitSha: merged,
      // GitHub's merged_by.login: the user whose token merged it.
      mergedBy: 'mlops-portal-bot',
      mergedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      closedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(github.file(SANDBOX_GITOPS_REPO, 'main', path)).toContain(
      'traffic: 70\n',
    );
    await expect(repo.mergePullRequest(1)).rejects.toThrow(
      /refused mergePull .*\(405\): Pull Request is not mergeable/,
    );
  });

  it('commits an emergency directly in pull-request mode, saying it did', async () => {
    const manifest = new GitManifest(
      repos.forUrl(repoUrl),
      source('pull-request'),
      {
        message:
          'Abort rollout r-3 (committed directly: an emergency skips review)',
        direct: true,
        pullRequestBranch: 'unused',
      },
    );
    await manifest.update<any>(ref, toWeight(100 - 1));
    expect(manifest.changes[0]).toMatchObject({ direct: true });
    expect(github.pulls(SANDBOX_GITOPS_REPO)).toEqual([]);
  });

  it('refuses a host not configured under integrations, and hostile paths', () => {
    expect(() =>
      repos.forUrl('https://gitlab.example.org/acme/serving'),
    ).toThrow('gitlab.example.org is not configured under integrations');
    // The integration library adds github.com by default; GitOps mode writes only to hosts the config names.
    expect(() => repos.forUrl('https://github.com/acme/serving')).toThrow(
      'github.com is not configured under integrations.github',
    );
    expect(() =>
      repos.forUrl('http://github.example.com/acme/serving'),
    ).toThrow(/not a repository URL/);
    const manifestAt = (hostile: string) => () =>
      new GitManifest(
        repos.forUrl(repoUrl),
        { ...source('commit'), path: hostile },
        { message: 'm', pullRequestBranch: 'b' },
      );
    expect(manifestAt('../x.yaml')).toThrow(
      /is not a manifest path inside the repository/,
    );
    expect(manifestAt('/etc/x.yaml')).toThrow(
      /is not a manifest path inside the repository/,
    );
    expect(manifestAt('https://evil.example/x.yaml')).toThrow(
      /is not a manifest path inside the repository/,
    );
  });

  it('passes on GitHub’s own error message, never the token', async () => {
    const repo = repos.forUrl(`https://${SANDBOX_GITHUB_HOST}/acme/missing`);
    const error = await repo.readFile(path, 'main').catch(e => e);
    expect(error.message).toBe(
      `GitHub (${SANDBOX_GITHUB_HOST}) refused getContent of acme/missing (404): Not Found`,
    );
    expect(error.status).toBe(404);
  });
});
