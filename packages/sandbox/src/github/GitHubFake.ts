/*
 * DEMO STAND-IN / TEST DOUBLE: an in-memory GitHub REST API (version 2022-11-28) for the calls GitOps mode makes:
 * repository contents get/put (the put names the file's blob sha and gets 409 when the file moved on, 422 when a
 * sha is missing for an existing file), git refs get/create, pulls create/get/merge. Errors have GitHub's shape,
 * `{message, documentation_url, status}`. Requests need `Authorization: Bearer <token>` (or `token <token>`).
 * Each repository is a list of commits holding whole file trees: enough to be honest about shas and branches,
 * not a Git implementation.
 */
import { createHash } from 'node:crypto';

type Commit = {
  sha: string;
  parent?: string;
  message: string;
  files: Map<string, string>;
};

type PullRequest = {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  /** The base's head when the pull request was opened: the merge's starting point. */
  baseSha: string;
  state: 'open' | 'closed';
  merged: boolean;
  mergeCommitSha?: string;
  createdAt: string;
};

type Repo = {
  commits: Map<string, Commit>;
  branches: Map<string, string>;
  pulls: PullRequest[];
};

export type GitHubFakeRequest = {
  method: string;
  /** The path below the API base, e.g. `/repos/acme/serving/contents/a.yaml`. */
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: any;
};

export type GitHubFakeResponse = { status: number; body: unknown };

const DOCS = 'https://docs.github.com/rest';

const error = (
  status: number,
  message: string,
  doc = DOCS,
): GitHubFakeResponse => ({
  status,
  body: { message, documentation_url: doc, status: String(status) },
});

/** Git's blob id of a file's content: what the contents API calls the file's `sha`. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

export class GitHubFake {
  private readonly repos = new Map<string, Repo>();
  private counter = 0;
  /** Calls answered, by `METHOD path`. */
  readonly calls: string[] = [];
  /**
   * Runs once before the next contents put is answered, e.g. a test's commit by someone else, so that put meets
   * a file that moved on since it was read.
   */
  beforeNextPut?: () => void;

  constructor(
    private readonly token: string,
    /** The web host the repositories live at, for `html_url`s. */
    private readonly webBase = 'https://github.example.com',
  ) {}

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

  handle(request: GitHubFakeRequest): GitHubFakeResponse {
    this.calls.push(`${request.method} ${request.path}`);
    const auth = request.authorization ?? '';
    if (auth !== `Bearer ${this.token}` && auth !== `token ${this.token}`) {
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
        return this.getContent(fullName, repo, path, request.query);
      if (m === 'PUT')
        return this.putContent(fullName, repo, path, request.body);
    }
    if (m === 'GET' && ref) {
      return this.getRef(fullName, repo, decodeURIComponent(ref[1]));
    }
    if (m === 'POST' && rest === '/git/refs') {
      return this.createRef(fullName, repo, request.body);
    }
    if (m === 'POST' && rest === '/pulls') {
      return this.createPull(fullName, repo, request.body);
    }
    if (pullPath) {
      const hit = pullPath;
      const pull = repo.pulls.find(p => p.number === Number(hit[1]));
      if (!pull) return error(404, 'Not Found');
      if (m === 'GET' && !hit[2])
        return this.pullBody(fullName, repo, pull, 200);
      if (m === 'PUT' && hit[2]) return this.merge(repo, pull, request.body);
    }
    return error(404, 'Not Found');
  }

  private getContent(
    fullName: string,
    repo: Repo,
    path: string,
    query: URLSearchParams,
  ): GitHubFakeResponse {
    const ref = query.get('ref') ?? 'main';
    const sha =
      repo.branches.get(ref) ?? (repo.commits.has(ref) ? ref : undefined);
    const content = sha && repo.commits.get(sha)!.files.get(path);
    if (content === undefined || !sha) {
      return error(
        404,
        'Not Found',
        'https://docs.github.com/rest/repos/contents#get-repository-content',
      );
    }
    return {
      status: 200,
      body: this.contentBody(fullName, path, content, ref),
    };
  }

  private putContent(
    fullName: string,
    repo: Repo,
    path: string,
    body: any,
  ): GitHubFakeResponse {
    const doc =
      'https://docs.github.com/rest/repos/contents#create-or-update-file-contents';
    if (
      typeof body?.message !== 'string' ||
      typeof body?.content !== 'string'
    ) {
      return error(
        422,
        'Invalid request.\n\n"message", "content" weren\'t supplied.',
        doc,
      );
    }
    const run = this.beforeNextPut;
    this.beforeNextPut = undefined;
    run?.();
    const branch = body.branch ?? 'main';
    const headSha = repo.branches.get(branch);
    if (!headSha) {
      return error(404, `Branch ${branch} not found`, doc);
    }
    const head = repo.commits.get(headSha)!;
    const current = head.files.get(path);
    if (current !== undefined && !body.sha) {
      return error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc);
    }
    if (current !== undefined && body.sha !== blobSha(current)) {
      return error(409, `${path} does not match ${body.sha}`, doc);
    }
    const content = Buffer.from(body.content, 'base64').toString('utf8');
    const files = new Map(head.files);
    files.set(path, content);
    const commit = this.newCommit(repo, head.sha, body.message, files);
    repo.branches.set(branch, commit.sha);
    return {
      status: current === undefined ? 201 : 200,
      body: {
        content: this.contentBody(fullName, path, content, branch),
        commit: {
          sha: commit.sha,
          html_url: `${this.webBase}/${fullName}/commit/${commit.sha}`,
          message: commit.message,
          parents: [{ sha: head.sha }],
        },
      },
    };
  }

  private getRef(
    fullName: string,
    repo: Repo,
    branch: string,
  ): GitHubFakeResponse {
    const sha = repo.branches.get(branch);
    if (!sha) {
      return error(
        404,
        'Not Found',
        'https://docs.github.com/rest/git/refs#get-a-reference',
      );
    }
    return { status: 200, body: this.refBody(fullName, branch, sha) };
  }

  private createRef(
    fullName: string,
    repo: Repo,
    body: any,
  ): GitHubFakeResponse {
    const doc = 'https://docs.github.com/rest/git/refs#create-a-reference';
    const name =
      typeof body?.ref === 'string' &&
      body.ref.match(/^refs\/heads\/(.+)$/)?.[1];
    if (!name || typeof body.sha !== 'string') {
      return error(
        422,
        "Reference name must start with 'refs/' and have at least two slashes.",
        doc,
      );
    }
    if (repo.branches.has(name)) {
      return error(422, 'Reference already exists', doc);
    }
    if (!repo.commits.has(body.sha)) {
      return error(422, 'Object does not exist', doc);
    }
    repo.branches.set(name, body.sha);
    return { status: 201, body: this.refBody(fullName, name, body.sha) };
  }

  private createPull(
    fullName: string,
    repo: Repo,
    body: any,
  ): GitHubFakeResponse {
    const doc =
      'https://docs.github.com/rest/pulls/pulls#create-a-pull-request';
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
    return this.pullBody(fullName, repo, pull, 201);
  }

  private merge(repo: Repo, pull: PullRequest, body: any): GitHubFakeResponse {
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
    const commit = this.newCommit(
      repo,
      base.sha,
      `Merge pull request #${pull.number} from ${pull.head}\n\n${pull.title}`,
      files,
    );
    repo.branches.set(pull.base, commit.sha);
    Object.assign(pull, {
      state: 'closed',
      merged: true,
      mergeCommitSha: commit.sha,
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

  private pullBody(
    fullName: string,
    repo: Repo,
    pull: PullRequest,
    status: number,
  ): GitHubFakeResponse {
    return {
      status,
      body: {
        number: pull.number,
        html_url: `${this.webBase}/${fullName}/pull/${pull.number}`,
        state: pull.state,
        title: pull.title,
        body: pull.body,
        merged: pull.merged,
        merge_commit_sha: pull.mergeCommitSha ?? null,
        head: { ref: pull.head, sha: repo.branches.get(pull.head) },
        base: { ref: pull.base, sha: repo.branches.get(pull.base) },
        created_at: pull.createdAt,
      },
    };
  }

  private contentBody(
    fullName: string,
    path: string,
    content: string,
    ref: string,
  ) {
    return {
      type: 'file',
      encoding: 'base64',
      name: path.split('/').pop(),
      path,
      size: Buffer.byteLength(content),
      sha: blobSha(content),
      content: Buffer.from(content, 'utf8')
        .toString('base64')
        .replace(/(.{60})/g, '$1\n'),
      html_url: `${this.webBase}/${fullName}/blob/${ref}/${path}`,
    };
  }

  private refBody(fullName: string, branch: string, sha: string) {
    return {
      ref: `refs/heads/${branch}`,
      object: {
        type: 'commit',
        sha,
        url: `${this.webBase}/${fullName}/commit/${sha}`,
      },
    };
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
    const commit = { sha, parent, message, files };
    repo.commits.set(sha, commit);
    return commit;
  }
}
