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
    return this.gitManifest(gitops, {
      ...change,
      about: `rollout ${rollout.id} of ${rollout.entityRef}`,
      entityRef: rollout.entityRef,
      pullRequestBranch: `mlops/rollout-${rollout.id}-${change.label}`,
    });
  }

  /**
   * The manifest a return to stable (traffic no rollout drives) goes to: always a direct commit, since it is the
   * way out of an orphaned canary and must not wait for a review.
   */
  returnToStableManifest(
    entityRef: string,
    gitops: ModelGitOps,
    change: { reason: string; actor: string },
  ): GitManifest {
    return this.gitManifest(gitops, {
      what: `Return all traffic to stable: ${change.reason}`,
      actor: change.actor,
      direct: true,
      about: entityRef,
      entityRef,
      pullRequestBranch: 'mlops/return-to-stable',
    });
  }

  private gitManifest(
    gitops: ModelGitOps,
    change: {
      what: string;
      actor: string;
      direct?: boolean;
      about: string;
      entityRef: string;
      pullRequestBranch: string;
    },
  ): GitManifest {
    const direct = change.direct && gitops.mode === 'pull-request';
    const lines = [
      `${change.what} (${change.about})`,
      '',
      `By ${change.actor}, through the MLOps Portal.`,
    ];
    if (direct) {
      lines.push(
        `Committed directly to ${gitops.branch}: an emergency path (abort, switch back, failed analysis, return to stable) does not wait for a pull request's review.`,
      );
    }
    const link = this.portalLink(change.entityRef);
    if (link) lines.push(link);
    return new GitManifest(
      this.options.repositories.forUrl(gitops.repoUrl),
      gitops,
      {
        message: lines.join('\n'),
        direct: change.direct,
        pullRequestBranch: change.pullRequestBranch,
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

/** A commit's short sha, as people quote it. */
export const shortSha = (sha?: string) =>
  sha ? sha.slice(0, 7) : 'already in Git';

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
 * A step's Git change as its event records it (waiting for the merge, or committed and waiting for the sync),
 * and the reason's words for it.
 */
export function stepChange(
  manifest: GitManifest,
  step: string,
): { git: RolloutGitChange; reason: string } {
  const made = manifest.changes[manifest.changes.length - 1];
  const git = recordedChange(
    made,
    made?.pullRequest ? 'awaiting-merge' : 'awaiting-sync',
  ) ?? { status: 'awaiting-sync' as const };
  return {
    git,
    reason: `${step} ${
      git.pullRequest
        ? `proposed in pull request #${git.pullRequest.number}; waiting for its merge`
        : `committed to Git (${shortSha(
            git.sha,
          )}); waiting for the cluster to apply it`
    }`,
  };
}

/**
 * An ending's Git change (a direct commit) as its event records it: committed, not yet live (`awaiting-sync`,
 * followed by `GitOpsEndings`); and the reason's words for it, empty without one.
 */
export function endingChange(manifest: GitManifest | undefined): {
  git?: RolloutGitChange;
  note: string;
} {
  const git = recordedChange(
    manifest?.changes[manifest.changes.length - 1],
    'awaiting-sync',
  );
  return {
    git,
    note: git
      ? `committed ${git.direct ? 'directly ' : ''}to Git (${shortSha(
          git.sha,
        )})`
      : '',
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
