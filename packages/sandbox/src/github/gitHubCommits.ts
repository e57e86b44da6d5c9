/*
 * DEMO STAND-IN / TEST DOUBLE: the GitHub fake's "list commits" endpoint, `GET /repos/{owner}/{repo}/commits`
 * with its `sha` (a branch or commit to start from; the default branch without it), `path` (only commits that
 * changed that file) and `per_page`/`page` parameters, newest first, in GitHub's commit shape.
 */
import {
  Commit,
  GitHubFakeContext,
  GitHubFakeResponse,
  Repo,
  error,
} from './gitHubFakeState';

/** Who the fake says wrote every commit (GitHub would name the token's user or app). */
const AUTHOR = { name: 'mlops-demo-bot', email: 'mlops-demo-bot@example.com' };

function commitBody(ctx: GitHubFakeContext, fullName: string, commit: Commit) {
  const person = { ...AUTHOR, date: commit.date };
  return {
    sha: commit.sha,
    commit: { author: person, committer: person, message: commit.message },
    html_url: `${ctx.webBase}/${fullName}/commit/${commit.sha}`,
    parents: commit.parent
      ? [
          {
            sha: commit.parent,
            html_url: `${ctx.webBase}/${fullName}/commit/${commit.parent}`,
          },
        ]
      : [],
  };
}

export function listCommits(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  query: URLSearchParams,
): GitHubFakeResponse {
  const from = query.get('sha') ?? 'main';
  const start =
    repo.branches.get(from) ?? (repo.commits.has(from) ? from : undefined);
  if (!start) {
    return error(
      404,
      `No commit found for SHA: ${from}`,
      'https://docs.github.com/rest/commits/commits#list-commits',
    );
  }
  const path = query.get('path');
  const perPage = Math.min(Number(query.get('per_page') ?? 30) || 30, 100);
  const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  const found: Commit[] = [];
  for (
    let commit = repo.commits.get(start);
    commit;
    commit = commit.parent ? repo.commits.get(commit.parent) : undefined
  ) {
    const parent = commit.parent ? repo.commits.get(commit.parent) : undefined;
    if (!path || commit.files.get(path) !== parent?.files.get(path)) {
      found.push(commit);
    }
  }
  return {
    status: 200,
    body: found
      .slice((page - 1) * perPage, page * perPage)
      .map(c => commitBody(ctx, fullName, c)),
  };
}
