import { ConflictError } from '@backstage/errors';

/**
 * A file as read from a Git host: its text and the blob sha a write must name (optimistic concurrency).
 *
 * @public
 */
export type GitFile = { content: string; sha: string };

/**
 * A commit a write made: its sha and its web page.
 *
 * @public
 */
export type GitCommit = { sha: string; url: string };

/**
 * A commit as the Git host lists it: sha, web page, the first line of its message, its author and date.
 *
 * @public
 */
export type GitCommitSummary = GitCommit & {
  /** The message's first line. */
  title: string;
  author?: string;
  /** When it was committed (ISO 8601). */
  date?: string;
};

/**
 * A pull request as the Git host reports it.
 *
 * @public
 */
export type GitPullRequest = {
  number: number;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  /** Once merged, the commit the merge made on the base branch. */
  mergeCommitSha?: string;
  /** Once merged: who merged it (the host's login, e.g. GitHub's `merged_by.login`) and when. */
  mergedBy?: string;
  mergedAt?: string;
  /** When it was closed (merged or not). */
  closedAt?: string;
};

/**
 * The file changed since it was read (the host refused a write naming an older blob sha): read it again.
 *
 * @public
 */
export class GitConflictError extends ConflictError {}

/**
 * One repository on a Git host, as GitOps mode uses it: read and write one file with optimistic concurrency,
 * branches, pull requests. GitHub implements it ({@link GitHubRepository}); GitLab or Gitea would be further
 * implementations chosen by the integration type.
 *
 * @public
 */
export interface GitRepository {
  /** The repository's web URL, as the Model names it. */
  readonly url: string;
  /** The web page of the file at `path` on `ref` (a branch or a commit). */
  fileUrl(path: string, ref: string): string;
  /** The web page of a branch's tree. */
  branchUrl(branch: string): string;
  /** The web page of a commit. */
  commitUrl(sha: string): string;
  /** The file at `path` on `ref` (a branch or a commit). */
  readFile(path: string, ref: string): Promise<GitFile>;
  /**
   * Commits `content` to `path` on `branch`, if the file is still at blob `sha` (no `sha`: creates a file that
   * must not exist yet); a {@link GitConflictError} if not.
   */
  writeFile(file: {
    path: string;
    branch: string;
    content: string;
    sha?: string;
    message: string;
  }): Promise<GitCommit>;
  /** The commit `branch` points at. */
  branchHead(branch: string): Promise<string>;
  /** The newest commit reachable from `ref` (a branch or a commit) that changed `path`; undefined when none did. */
  lastCommitTouching(
    path: string,
    ref: string,
  ): Promise<GitCommitSummary | undefined>;
  /** Creates `branch` at commit `sha`. */
  createBranch(branch: string, sha: string): Promise<void>;
  /** Opens a pull request from branch `head` into `base`. */
  openPullRequest(pull: {
    title: string;
    body: string;
    head: string;
    base: string;
  }): Promise<GitPullRequest>;
  /** The pull request of this number, with its state and whether it merged. */
  getPullRequest(number: number): Promise<GitPullRequest>;
  /** Merges the pull request (if its head is still at `sha`, when given); resolves to the merge commit's sha. */
  mergePullRequest(number: number, sha?: string): Promise<string>;
}
