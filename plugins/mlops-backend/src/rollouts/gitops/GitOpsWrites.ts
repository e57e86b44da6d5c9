import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ModelGitOps,
  RolloutGitChange,
  RolloutEvent,
} from '@mlops-portal/plugin-mlops-common';
import {
  GitChangeMade,
  GitManifest,
  GitPullRequest,
  GitRepositories,
} from '@mlops-portal/plugin-mlops-node';
import { StoredRollout } from '../RolloutStore';

/**
 * GitOps mode for the rollout engine: the Git manifest a traffic write goes to, with a commit message naming the
 * rollout, the step, the person and linking the portal; and the settings of waiting for the live object.
 */
export class GitOpsWrites {
  static fromConfig(config: Config): GitOpsWrites {
    const key = 'mlops.gitops.syncTimeout';
    return new GitOpsWrites({
      repositories: GitRepositories.fromConfig(config),
      appBaseUrl: config.getOptionalString('app.baseUrl'),
      syncTimeoutMs: config.has(key)
        ? durationToMilliseconds(readDurationFromConfig(config, { key }))
        : 5 * 60_000,
      pollMs: 5_000,
    });
  }

  constructor(
    readonly options: {
      repositories: GitRepositories;
      appBaseUrl?: string;
      /** How long a Git change may take to show on the live object before the rollout pauses. */
      syncTimeoutMs: number;
      /** How often a pending merge or sync is looked at. */
      pollMs: number;
    },
  ) {}

  /**
   * The manifest a rollout's write goes to. `direct` commits straight to the branch even in pull-request mode
   * (the emergency paths), and the message says so.
   */
  manifest(
    rollout: StoredRollout,
    gitops: ModelGitOps,
    change: { what: string; actor: string; direct?: boolean; label: string },
  ): GitManifest {
    const direct = change.direct && gitops.mode === 'pull-request';
    const lines = [
      `${change.what} (rollout ${rollout.id} of ${rollout.entityRef})`,
      '',
      `By ${change.actor}, through the MLOps Portal.`,
    ];
    if (direct) {
      lines.push(
        `Committed directly to ${gitops.branch}: an emergency path (abort, switch back, failed analysis) does not wait for a pull request's review.`,
      );
    }
    const link = this.portalLink(rollout.entityRef);
    if (link) lines.push(link);
    return new GitManifest(
      this.options.repositories.forUrl(gitops.repoUrl),
      gitops,
      {
        message: lines.join('\n'),
        direct: change.direct,
        pullRequestBranch: `mlops/rollout-${rollout.id}-${change.label}`,
      },
    );
  }

  pullRequest(gitops: ModelGitOps, number: number): Promise<GitPullRequest> {
    return this.options.repositories
      .forUrl(gitops.repoUrl)
      .getPullRequest(number);
  }

  private portalLink(entityRef: string): string | undefined {
    if (!this.options.appBaseUrl) return undefined;
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `${this.options.appBaseUrl.replace(
      /\/$/,
      '',
    )}/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
      kind.toLocaleLowerCase('en-US'),
    )}/${encodeURIComponent(name)}`;
  }
}

/** A rollout's target with writes going to `manifest` (never stored: the engine keeps the stored rollout apart). */
export function servingThrough(
  rollout: StoredRollout,
  manifest: GitManifest | undefined,
): StoredRollout {
  if (!manifest) return rollout;
  const target = { ...rollout.target, manifest };
  return { ...rollout, target } as StoredRollout;
}

/** The last change a manifest made, as a rollout event records it. */
export function recordedChange(
  made: GitChangeMade | undefined,
  status: RolloutGitChange['status'],
): RolloutGitChange | undefined {
  if (!made) return undefined;
  return {
    ...(made.sha ? { sha: made.sha } : {}),
    url: made.url,
    ...(made.pullRequest ? { pullRequest: made.pullRequest } : {}),
    ...(made.direct ? { direct: true } : {}),
    status,
  };
}

/**
 * The Git change of the current step still waiting to merge or to show on the live object, and since when it
 * waits (a person resuming a paused rollout restarts the wait).
 */
export function pendingGitChange(
  events: RolloutEvent[],
  stepIndex: number,
): { git: RolloutGitChange; since: number } | undefined {
  let found: { git: RolloutGitChange; since: number } | undefined;
  for (const event of events) {
    if (event.type !== 'transition' || event.stepIndex !== stepIndex) continue;
    if (event.git) {
      found =
        event.git.status === 'applied'
          ? undefined
          : { git: event.git, since: Date.parse(event.at) };
    } else if (found && event.from === 'Paused' && event.to === 'Progressing') {
      found = { ...found, since: Date.parse(event.at) };
    }
  }
  return found;
}

/** "5 min", "90 s": a duration as a reason states it. */
export function describeDuration(ms: number): string {
  return ms % 60_000 === 0
    ? `${ms / 60_000} min`
    : `${Math.round(ms / 1000)} s`;
}

/** A commit's short sha, as people quote it. */
export const shortSha = (sha?: string) =>
  sha ? sha.slice(0, 7) : 'already in Git';
