import { ConflictError, InputError } from '@backstage/errors';
import { isSafeRepoPath, ModelGitOps } from '@mlops-portal/plugin-mlops-common';
import type { ServingManifest } from '../serving/TrafficRouter';
import { editManifest, ManifestObjectRef } from './editManifest';
import { GitConflictError, GitRepository } from './GitRepository';

/**
 * A Git change GitOps mode made: the commit on the applied branch (in `commit` mode or an emergency's direct
 * commit), or the pull request waiting to be merged.
 *
 * @public
 */
export type GitChangeMade = {
  sha?: string;
  url: string;
  pullRequest?: { number: number; url: string };
  /** Committed directly although the Model's mode is pull-request. */
  direct?: boolean;
};

/**
 * The serving object's manifest in Git, standing in for the live object in a traffic write
 * (`ServingTarget.manifest`): `update` applies the same `change` a router would apply to the live object to
 * the manifest's document instead (see {@link editManifest}), and commits it, or opens a pull request in
 * `pull-request` mode unless `direct`. A commit names the blob sha it read; when the file moved on meanwhile,
 * it is read again and `change` applied again. What was made is in `changes`.
 *
 * @public
 */
export class GitManifest implements ServingManifest {
  /** The changes made through this manifest, in order. */
  readonly changes: GitChangeMade[] = [];
  private pullBranch?: string;

  constructor(
    private readonly repo: GitRepository,
    private readonly source: ModelGitOps,
    private readonly request: {
      /** The commit message (its first line is a pull request's title). */
      message: string;
      /** Commit to the branch even in pull-request mode: an emergency path. */
      direct?: boolean;
      /** The branch a pull request comes from, e.g. `mlops/rollout-<id>-step-2`. */
      pullRequestBranch: string;
      attempts?: number;
    },
  ) {
    if (!isSafeRepoPath(source.path)) {
      throw new InputError(
        `'${source.path}' is not a manifest path inside the repository (relative, no '..', a .yaml file)`,
      );
    }
  }

  /** Never serialized: it is a handle on a repository, not data. */
  toJSON() {
    return undefined;
  }

  /** {@inheritDoc ServingManifest.update} */
  async update<T>(
    ref: ManifestObjectRef,
    change: (object: T) => T,
  ): Promise<T> {
    const viaPull = this.source.mode === 'pull-request' && !this.request.direct;
    if (viaPull && !this.pullBranch) {
      const base = await this.repo.branchHead(this.source.branch);
      await this.repo.createBranch(this.request.pullRequestBranch, base);
      this.pullBranch = this.request.pullRequestBranch;
    }
    const branch = this.pullBranch ?? this.source.branch;
    const attempts = this.request.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const file = await this.repo.readFile(this.source.path, branch);
      const edit = editManifest(
        file.content,
        ref,
        change,
        `${this.source.path} on ${branch}`,
      );
      if (!edit.changed) {
        return edit.object;
      }
      try {
        const commit = await this.repo.writeFile({
          path: this.source.path,
          branch,
          content: edit.text,
          sha: file.sha,
          message: this.request.message,
        });
        await this.record(commit, viaPull);
        return edit.object;
      } catch (error) {
        if (!(error instanceof GitConflictError)) throw error;
        if (attempt >= attempts) {
          throw new ConflictError(
            `${this.source.path} on ${branch} kept changing under us (${attempts} conflicting commits); try again`,
          );
        }
      }
    }
  }

  private async record(commit: { sha: string; url: string }, viaPull: boolean) {
    if (!viaPull) {
      this.changes.push({
        ...commit,
        ...(this.source.mode === 'pull-request' ? { direct: true } : {}),
      });
      return;
    }
    if (this.changes.some(c => c.pullRequest)) {
      return; // a later commit of the same change lands in the pull request already open
    }
    const [title, ...body] = this.request.message.split('\n');
    const pull = await this.repo.openPullRequest({
      title,
      body: body.join('\n').trim(),
      head: this.pullBranch!,
      base: this.source.branch,
    });
    this.changes.push({
      url: pull.url,
      pullRequest: { number: pull.number, url: pull.url },
    });
  }
}
