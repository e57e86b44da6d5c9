/* DEMO STAND-IN / TEST DOUBLE: the GitHub fake's pull request endpoints: create, get, update (close) and merge. */
import {
  GitHubFakeContext,
  GitHubFakeResponse,
  PullRequest,
  Repo,
  error,
} from './gitHubFakeState';

export function pullBody(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  pull: PullRequest,
  status: number,
): GitHubFakeResponse {
  return {
    status,
    body: {
      number: pull.number,
      html_url: `${ctx.webBase}/${fullName}/pull/${pull.number}`,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      merged: pull.merged,
      merge_commit_sha: pull.mergeCommitSha ?? null,
      // GitHub's simple-user object of who merged it; null until merged.
      merged_by: pull.mergedBy
        ? {
            login: pull.mergedBy,
            type: 'User',
            html_url: `${ctx.webBase}/${pull.mergedBy}`,
          }
        : null,
      merged_at: pull.mergedAt ?? null,
      closed_at: pull.closedAt ?? null,
      head: { ref: pull.head, sha: repo.branches.get(pull.head) },
      base: { ref: pull.base, sha: repo.branches.get(pull.base) },
      created_at: pull.createdAt,
    },
  };
}

export function createPull(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  body: any,
): GitHubFakeResponse {
  const doc = 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request';
  if (
    typeof body?.title !== 'string' ||
    typeof body?.head !== 'string' ||
    typeof body?.base !== 'string'
  ) {
    return error(422, 'Validation Failed', doc);
  }
  const baseSha = repo.branches.get(body.base);
  if (!baseSha || !repo.branches.has(body.head)) {
    return error(422, 'Validation Failed', doc);
  }
  const pull: PullRequest = {
    number: repo.pulls.length + 1,
    title: body.title,
    body: body.body ?? '',
    head: body.head,
    base: body.base,
    baseSha,
    state: 'open',
    merged: false,
    createdAt: new Date().toISOString(),
  };
  repo.pulls.push(pull);
  return pullBody(ctx, fullName, repo, pull, 201);
}

export function mergePull(
  ctx: GitHubFakeContext,
  repo: Repo,
  pull: PullRequest,
  body: any,
  login?: string,
): GitHubFakeResponse {
  const doc = 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request';
  const headSha = repo.branches.get(pull.head)!;
  if (pull.state !== 'open') {
    return error(405, 'Pull Request is not mergeable', doc);
  }
  if (body?.sha && body.sha !== headSha) {
    return error(
      409,
      'Head branch was modified. Review and try the merge again.',
      doc,
    );
  }
  const base = repo.commits.get(repo.branches.get(pull.base)!)!;
  const start = repo.commits.get(pull.baseSha)!;
  const head = repo.commits.get(headSha)!;
  const files = new Map(base.files);
  for (const [path, content] of head.files) {
    if (start.files.get(path) === content) continue;
    if (base.files.get(path) !== start.files.get(path)) {
      return error(405, 'Pull Request is not mergeable', doc);
    }
    files.set(path, content);
  }
  const commit = ctx.newCommit(
    repo,
    base.sha,
    `Merge pull request #${pull.number} from ${pull.head}\n\n${pull.title}`,
    files,
  );
  repo.branches.set(pull.base, commit.sha);
  const now = new Date().toISOString();
  Object.assign(pull, {
    state: 'closed',
    merged: true,
    mergeCommitSha: commit.sha,
    mergedBy: login,
    mergedAt: now,
    closedAt: now,
  });
  return {
    status: 200,
    body: {
      sha: commit.sha,
      merged: true,
      message: 'Pull Request successfully merged',
    },
  };
}

/** `PATCH /pulls/{n}`: GitHub's "update a pull request"; the fake takes `state: closed` (closing unmerged) and `open`. */
export function updatePull(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  pull: PullRequest,
  body: any,
): GitHubFakeResponse {
  const doc = 'https://docs.github.com/rest/pulls/pulls#update-a-pull-request';
  if (body?.state !== undefined && !['open', 'closed'].includes(body.state)) {
    return error(422, 'Validation Failed', doc);
  }
  if (body?.state === 'open' && pull.merged) {
    return error(422, 'Validation Failed', doc);
  }
  if (body?.state === 'closed' && pull.state === 'open') {
    Object.assign(pull, {
      state: 'closed',
      closedAt: new Date().toISOString(),
    });
  } else if (body?.state === 'open' && pull.state === 'closed') {
    Object.assign(pull, { state: 'open', closedAt: undefined });
  }
  if (typeof body?.title === 'string') pull.title = body.title;
  if (typeof body?.body === 'string') pull.body = body.body;
  return pullBody(ctx, fullName, repo, pull, 200);
}
