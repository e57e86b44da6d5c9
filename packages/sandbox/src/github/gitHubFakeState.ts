/*
 * DEMO STAND-IN / TEST DOUBLE: the in-memory state of the GitHub fake (repositories as lists of commits holding
 * whole file trees), its request/response shapes and GitHub's error body, `{message, documentation_url, status}`.
 */
import { createHash } from 'node:crypto';

export type Commit = {
  sha: string;
  parent?: string;
  message: string;
  files: Map<string, string>;
  /** When it was made (ISO 8601): author and committer date alike. */
  date: string;
};

export type PullRequest = {
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
  /** The login of the token that merged it (GitHub's `merged_by.login`). */
  mergedBy?: string;
  mergedAt?: string;
  closedAt?: string;
  createdAt: string;
};

export type Repo = {
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

/** What the per-endpoint handlers need from the fake: its web host and a way to record a commit. */
export type GitHubFakeContext = {
  /** The web host the repositories live at, for `html_url`s. */
  webBase: string;
  newCommit(
    repo: Repo,
    parent: string | undefined,
    message: string,
    files: Map<string, string>,
  ): Commit;
};

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body. */
export const error = (
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
