import {
  CHURN_PREDICTOR_PATH,
  GitHubFake,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import { GitRepositories } from './GitRepositories';
import { startSandboxGitHub } from './__testUtils__/sandboxGitHub';

/*
 * The reads the Deployment tab's Git card makes, against the sandbox's GitHub stand-in over HTTP: the newest
 * commit that changed a file (GitHub's "list commits" with `path`, `sha` and `per_page=1`) and the web pages.
 */
describe('GitHubRepository reads', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxGitHub>>;
  let github: GitHubFake;
  let repos: GitRepositories;
  const repoUrl = `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}`;

  beforeEach(async () => {
    sandbox = await startSandboxGitHub();
    ({ github, repos } = sandbox);
  });

  afterEach(() => sandbox.stop());

  it('finds the newest commit that changed a file, skipping commits to other files', async () => {
    const repo = repos.forUrl(repoUrl);
    const seeded = github.head(SANDBOX_GITOPS_REPO, 'main')!;
    expect(await repo.lastCommitTouching(CHURN_PREDICTOR_PATH, 'main')).toEqual(
      {
        sha: seeded,
        url: `${repoUrl}/commit/${seeded}`,
        title: 'Initial commit',
        author: 'mlops-demo-bot',
        date: expect.any(String),
      },
    );

    const churn = github.commitFile(
      SANDBOX_GITOPS_REPO,
      'main',
      CHURN_PREDICTOR_PATH,
      `${github.file(
        SANDBOX_GITOPS_REPO,
        'main',
        CHURN_PREDICTOR_PATH,
      )}# reviewed\n`,
      'Churn predictor: note the review\n\nMore words.',
    );
    const other = github.commitFile(
      SANDBOX_GITOPS_REPO,
      'main',
      'serving/fraud-detector.yaml',
      '# replaced\n',
      'Fraud detector: replaced',
    );
    const last = await repo.lastCommitTouching(CHURN_PREDICTOR_PATH, 'main');
    expect(last).toMatchObject({
      sha: churn,
      title: 'Churn predictor: note the review',
    });
    expect(last?.sha).not.toBe(other);
    // From an older commit, the history as it was then.
    expect(
      (await repo.lastCommitTouching(CHURN_PREDICTOR_PATH, seeded))?.sha,
    ).toBe(seeded);
    expect(await repo.lastCommitTouching('serving/nothing.yaml', 'main')).toBe(
      undefined,
    );
  });

  it("names GitHub's answer when the branch does not exist", async () => {
    await expect(
      repos.forUrl(repoUrl).lastCommitTouching(CHURN_PREDICTOR_PATH, 'nope'),
    ).rejects.toThrow(
      `GitHub (${SANDBOX_GITHUB_HOST}) refused listCommits of mlops-demo/serving-manifests (404): No commit found for SHA: nope`,
    );
  });

  it('links the file, the branch and a commit on the web', () => {
    const repo = repos.forUrl(repoUrl);
    expect(repo.fileUrl('serving/a b.yaml', 'release/1')).toBe(
      `${repoUrl}/blob/release/1/serving/a%20b.yaml`,
    );
    expect(repo.branchUrl('main')).toBe(`${repoUrl}/tree/main`);
    expect(repo.commitUrl('abc123')).toBe(`${repoUrl}/commit/abc123`);
  });
});
