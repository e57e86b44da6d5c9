/*
 * DEMO STAND-IN / TEST DOUBLE: an in-memory GitHub REST API (version 2022-11-28) for the calls GitOps mode makes:
 * repository contents get/put (the put names the file's blob sha and gets 409 when the file moved on, 422 when a
 * sha is missing for an existing file), git refs get/create, pulls create/get/update/merge (`merged_by` is the
 * merging token's user: {@link GitHubFake.addUser}), commits listed (by `sha` and `path`). Errors have GitHub's shape,
 * `{message, documentation_url, status}`. Requests need `Authorization: Bearer <token>` (or `token <token>`).
 * Each repository is a list of commits holding whole file trees: enough to be honest about shas and branches,
 * not a Git implementation.
 */
import { createHash } from 'node:crypto';
import { getContent, putContent } from './gitHubContents';
import {
  Commit,
  GitHubFakeContext,
  GitHubFakeRequest,
  GitHubFakeResponse,
  PullRequest,
  Repo,
  error,
} from './gitHubFakeState';
import { createPull, mergePull, pullBody, updatePull } from './gitHubPulls';
import { listCommits } from './gitHubCommits';
import { createRef, getRef } from './gitHubRefs';

export { blobSha } from './gitHubFakeState';
export type { GitHubFakeRequest, GitHubFakeResponse } from './gitHubFakeState';

export class GitHubFake {
  private readonly repos = new Map<string, Repo>();
  private counter = 0;
  /** What the endpoint handlers use: the web host and the commit recorder. */
  private readonly ctx: GitHubFakeContext;
  /** Calls answered, by `METHOD path`. */
  readonly calls: string[] = [];
  /**
   * Runs once before the next contents put is answered, e.g. a test's commit by someone else, so that put meets
   * a file that moved on since it was read.
   */
  beforeNextPut?: () => void;

  /** Tokens of further users (e.g. a reviewer who merges), by token; the constructor's token is `login`'s. */
  private readonly users = new Map<string, string>();

  constructor(
    token: string,
    /** The web host the repositories live at, for `html_url`s. */
    webBase = 'https://github.example.com',
    /** The login of `token`'s user. */
    login = 'mlops-portal-bot',
  ) {
    this.users.set(token, login);
    this.ctx = {
      webBase,
      newCommit: (repo, parent, message, files) =>
        this.newCommit(repo, parent, message, files),
    };
  }

  /** Creates a repository whose `branch` holds `files`. */
  seedRepo(
    fullName: string,
    files: Record<string, string>,
    branch = 'main',
  ): string {
    const repo: Repo = { commits: new Map(), branches: new Map(), pulls: [] };
    this.repos.set(fullName, repo);
    const commit = this.newCommit(
      repo,
      undefined,
      'Initial commit',
      new Map(Object.entries(files)),
    );
    repo.branches.set(branch, commit.sha);
    return commit.sha;
  }

  /** The commit a branch points at. */
  head(fullName: string, branch: string): string | undefined {
    return this.repos.get(fullName)?.branches.get(branch);
  }

  /** A file's content at a branch or commit. */
  file(fullName: string, ref: string, path: string): string | undefined {
    const repo = this.repos.get(fullName);
    const sha = repo?.branches.get(ref) ?? ref;
    return repo?.commits.get(sha)?.files.get(path);
  }

  /** The commit messages of a branch, newest first. */
  log(fullName: string, branch: string): { sha: string; message: string }[] {
    const repo = this.repos.get(fullName);
    const out: { sha: string; message: string }[] = [];
    let sha = repo?.branches.get(branch);
    while (sha && repo) {
      const commit = repo.commits.get(sha)!;
      out.push({ sha: commit.sha, message: commit.message });
      sha = commit.parent;
    }
    return out;
  }

  /** Commits `content` to `path` on `branch` as someone else would (no sha check). */
  commitFile(
    fullName: string,
    branch: string,
    path: string,
    content: string,
    message: string,
  ): string {
    const repo = this.repos.get(fullName)!;
    const parent = repo.commits.get(repo.branches.get(branch)!)!;
    const files = new Map(parent.files);
    files.set(path, content);
    const commit = this.newCommit(repo, parent.sha, message, files);
    repo.branches.set(branch, commit.sha);
    return commit.sha;
  }

  /** The pull requests of a repository. */
  pulls(fullName: string): PullRequest[] {
    return structuredClone(this.repos.get(fullName)?.pulls ?? []);
  }

  /** Lets `token` act as the user `login`, e.g. a reviewer merging a pull request the portal opened. */
  addUser(token: string, login: string) {
    this.users.set(token, login);
  }

  handle(request: GitHubFakeRequest): GitHubFakeResponse {
    this.calls.push(`${request.method} ${request.path}`);
    const login = this.users.get(
      (request.authorization ?? '').replace(/^(Bearer|token) /, ''),
    );
    if (!login || !/^(Bearer|token) /.test(request.authorization ?? '')) {
      return error(401, 'Bad credentials');
    }
    const match = request.path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)$/);
    const fullName = match && `${match[1]}/${match[2]}`;
    const repo = fullName ? this.repos.get(fullName) : undefined;
    if (!match || !repo || !fullName) {
      return error(404, 'Not Found');
    }
    const rest = match[3];
    const m = request.method;
    const contents = rest.match(/^\/contents\/(.+)$/);
    const ref = rest.match(/^\/git\/ref\/heads\/(.+)$/);
    const pullPath = rest.match(/^\/pulls\/(\d+)(\/merge)?$/);
    if (contents) {
      const hit = contents;
      const path = hit[1].split('/').map(decodeURIComponent).join('/');
      if (m === 'GET')
        return getContent(this.ctx, fullName, repo, path, request.query);
      if (m === 'PUT')
        return putContent(this.ctx, fullName, repo, path, request.body, () => {
          const run = this.beforeNextPut;
          this.beforeNextPut = undefined;
          run?.();
        });
    }
    if (m === 'GET' && rest === '/commits') {
      return listCommits(this.ctx, fullName, repo, request.query);
    }
    if (m === 'GET' && ref) {
      return getRef(this.ctx, fullName, repo, decodeURIComponent(ref[1]));
    }
    if (m === 'POST' && rest === '/git/refs') {
      return createRef(this.ctx, fullName, repo, request.body);
    }
    if (m === 'POST' && rest === '/pulls') {
      return createPull(this.ctx, fullName, repo, request.body);
    }
    if (pullPath) {
      const hit = pullPath;
      const pull = repo.pulls.find(p => p.number === Number(hit[1]));
      if (!pull) return error(404, 'Not Found');
      if (m === 'GET' && !hit[2])
        return pullBody(this.ctx, fullName, repo, pull, 200);
      if (m === 'PATCH' && !hit[2])
        return updatePull(this.ctx, fullName, repo, pull, request.body);
      if (m === 'PUT' && hit[2])
        return mergePull(this.ctx, repo, pull, request.body, login);
    }
    return error(404, 'Not Found');
  }

  private newCommit(
    repo: Repo,
    parent: string | undefined,
    message: string,
    files: Map<string, string>,
  ): Commit {
    this.counter += 1;
    const sha = createHash('sha1')
      .update(`${parent ?? ''}\0${message}\0${this.counter}`)
      .digest('hex');
    const commit = {
      sha,
      parent,
      message,
      files,
      date: new Date().toISOString(),
    };
    repo.commits.set(sha, commit);
    return commit;
  }
}
