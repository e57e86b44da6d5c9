import { RolloutGitChange } from '@mlops-portal/plugin-mlops-common';

/** A commit's short sha, as people quote it. */
export const shortSha = (sha: string) => sha.slice(0, 7);

/**
 * Where a rollout event's Git change stands, in words: awaiting merge (an open pull request), committed or merged
 * (in Git, not yet on the live object), applied (the live object shows it).
 */
export function gitChangeStatus(git: RolloutGitChange): string {
  switch (git.status) {
    case 'awaiting-merge':
      return 'awaiting merge';
    case 'awaiting-sync':
      return git.pullRequest ? 'merged' : 'committed';
    default:
      return 'applied';
  }
}
