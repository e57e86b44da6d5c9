import { UpstreamApiError } from '../UpstreamApiError';
import { UpstreamFailure, upstreamJson } from '../upstreamJson';
import {
  GitCommit,
  GitCommitSummary,
  GitConflictError,
  GitFile,
  GitPullRequest,
  GitRepository,
} from './GitRepository';

/**
 * A GitHub REST call that did not succeed. `message` carries GitHub's own `message` (its error bodies are
 * `{message, documentation_url, status?}`), never the token.
 *
 * @public
 */
export class GitHubApiError extends UpstreamApiError {
  /** Whether GitHub answered 404. */
  get isNotFound() {
    return this.status === 404;
  }
}

/**
 * A repository on GitHub or GitHub Enterprise, through the REST API (version 2022-11-28): contents get/put
 * (the blob `sha` makes writes conditional: 409 when the file moved on), git refs, pulls create/get/merge.
 *
 * @public
 */
export class GitHubRepository implements GitRepository {
  constructor(
    private readonly options: {
      /** The repository's web URL, e.g. `https://github.com/acme/serving`. */
      url: string;
      /** The REST API's base, e.g. `https://api.github.com` (the integration's `apiBaseUrl`). */
      apiBaseUrl: string;
      owner: string;
      repo: string;
      /** Resolves the headers that authenticate a call (a token, or a GitHub App installation's). */
      headers: () => Promise<Record<string, string>>;
      host: string;
      timeoutMs?: number;
    },
  ) {}

  /** {@inheritDoc GitRepository.url} */
  get url() {
    return this.options.url;
  }

  /** {@inheritDoc GitRepository.fileUrl} */
  fileUrl(path: string, ref: string): string {
    return `${this.options.url}/blob/${encodePath(ref)}/${encodePath(path)}`;
  }

  /** {@inheritDoc GitRepository.branchUrl} */
  branchUrl(branch: string): string {
    return `${this.options.url}/tree/${encodePath(branch)}`;
  }

  /** {@inheritDoc GitRepository.commitUrl} */
  commitUrl(sha: string): string {
    return `${this.options.url}/commit/${encodeURIComponent(sha)}`;
  }

  /** {@inheritDoc GitRepository.readFile} */
  async readFile(path: string, ref: string): Promise<GitFile> {
    const body = await this.call<any>(
      'getContent',
      'GET',
      `/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`,
    );
    if (body?.type !== 'file' || typeof body.content !== 'string') {
      throw new GitHubApiError(
        this.options.host,
        'getContent',
        200,
        `${path} in ${this.options.url} is not a file`,
      );
    }
    return {
      content: Buffer.from(body.content, 'base64').toString('utf8'),
      sha: body.sha,
    };
  }

  /** {@inheritDoc GitRepository.writeFile} */
  async writeFile(file: {
    path: string;
    branch: string;
    content: string;
    sha?: string;
    message: string;
  }): Promise<GitCommit> {
    try {
      const body = await this.call<any>(
        'createOrUpdateFileContents',
        'PUT',
        `/contents/${encodePath(file.path)}`,
        {
          message: file.message,
          content: Buffer.from(file.content, 'utf8').toString('base64'),
          ...(file.sha ? { sha: file.sha } : {}),
          branch: file.branch,
        },
      );
      return { sha: body.commit.sha, url: body.commit.html_url };
    } catch (error) {
      // 409: the blob sha is not the file's any more. 422 names a sha the branch does not have ("does not
      // match") the same way when the file moved on between our read and our write.
      if (
        error instanceof GitHubApiError &&
        (error.status === 409 ||
          (error.status === 422 && /does not match|sha/i.test(error.message)))
      ) {
        throw new GitConflictError(
          `${file.path} on ${file.branch} changed since it was read: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** {@inheritDoc GitRepository.branchHead} */
  async branchHead(branch: string): Promise<string> {
    const body = await this.call<any>(
      'getRef',
      'GET',
      `/git/ref/heads/${encodePath(branch)}`,
    );
    return body.object.sha;
  }

  // GitHub: `GET /repos/{owner}/{repo}/commits?path=&sha=&per_page=1`, newest first.
  /** {@inheritDoc GitRepository.lastCommitTouching} */
  async lastCommitTouching(
    path: string,
    ref: string,
  ): Promise<GitCommitSummary | undefined> {
    const query = new URLSearchParams({ path, sha: ref, per_page: '1' });
    const body = await this.call<any[]>(
      'listCommits',
      'GET',
      `/commits?${query}`,
    );
    const commit = Array.isArray(body) ? body[0] : undefined;
    if (!commit?.sha) return undefined;
    const message: string = commit.commit?.message ?? '';
    return {
      sha: commit.sha,
      url: commit.html_url,
      title: message.split('\n')[0],
      ...(commit.commit?.author?.name
        ? { author: commit.commit.author.name }
        : {}),
      ...(commit.commit?.committer?.date ?? commit.commit?.author?.date
        ? { date: commit.commit?.committer?.date ?? commit.commit.author.date }
        : {}),
    };
  }

  /** {@inheritDoc GitRepository.createBranch} */
  async createBranch(branch: string, sha: string): Promise<void> {
    await this.call('createRef', 'POST', '/git/refs', {
      ref: `refs/heads/${branch}`,
      sha,
    });
  }

  /** {@inheritDoc GitRepository.openPullRequest} */
  async openPullRequest(pull: {
    title: string;
    body: string;
    head: string;
    base: string;
  }): Promise<GitPullRequest> {
    return pullOf(await this.call('createPull', 'POST', '/pulls', pull));
  }

  /** {@inheritDoc GitRepository.getPullRequest} */
  async getPullRequest(number: number): Promise<GitPullRequest> {
    return pullOf(await this.call('getPull', 'GET', `/pulls/${number}`));
  }

  /** {@inheritDoc GitRepository.mergePullRequest} */
  async mergePullRequest(number: number, sha?: string): Promise<string> {
    const body = await this.call<any>(
      'mergePull',
      'PUT',
      `/pulls/${number}/merge`,
      sha ? { sha } : {},
    );
    return body.sha;
  }

  private async call<T>(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { apiBaseUrl, owner, repo, host } = this.options;
    const fail = ({ status, statusText, json, reason }: UpstreamFailure) => {
      let message: string;
      if (status === undefined) {
        message = `GitHub (${host}) did not answer ${operation}: ${reason}`;
      } else if (reason) {
        message = `GitHub (${host}) answered ${operation} with something other than JSON`;
      } else {
        message = `GitHub (${host}) refused ${operation} of ${owner}/${repo} (${status}): ${
          json?.message ?? statusText
        }`;
      }
      return new GitHubApiError(host, operation, status, message);
    };
    let authHeaders: Record<string, string>;
    try {
      authHeaders = await this.options.headers();
    } catch (error) {
      // Resolving a GitHub App's installation token is a call to GitHub too.
      throw fail({ reason: (error as Error).message });
    }
    return upstreamJson<T>({
      url: `${apiBaseUrl.replace(/\/$/, '')}/repos/${encodeURIComponent(
        owner,
      )}/${encodeURIComponent(repo)}${path}`,
      method,
      body,
      headers: {
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        ...authHeaders,
      },
      timeoutMs: this.options.timeoutMs ?? 10_000,
      fail,
    });
  }
}

/** Each segment escaped, the slashes kept: GitHub takes a path's segments in the URL. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function pullOf(body: any): GitPullRequest {
  return {
    number: body.number,
    url: body.html_url,
    state: body.state === 'closed' ? 'closed' : 'open',
    merged: Boolean(body.merged),
    ...(body.merge_commit_sha && body.merged
      ? { mergeCommitSha: body.merge_commit_sha }
      : {}),
    ...(body.merged && typeof body.merged_by?.login === 'string'
      ? { mergedBy: body.merged_by.login }
      : {}),
    ...(body.merged_at ? { mergedAt: body.merged_at } : {}),
    ...(body.closed_at ? { closedAt: body.closed_at } : {}),
  };
}
