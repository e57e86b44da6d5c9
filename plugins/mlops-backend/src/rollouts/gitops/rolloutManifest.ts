import { ServiceUnavailableError } from '@backstage/errors';
import { ModelGitOps } from '@mlops-portal/plugin-mlops-common';
import { GitManifest } from '@mlops-portal/plugin-mlops-node';
import { ServingPlatforms } from '../../shared/ServingPlatforms';
import type { RolloutModelInfo } from '../rolloutModelInfo';
import { StoredRollout } from '../RolloutStore';
import { assertGitOpsSupported } from './assertGitOpsSupported';
import { GitOpsWrites } from './GitOpsWrites';

/**
 * The Git manifest a rollout's traffic write goes to when its Model is in GitOps mode (`gitops` set), undefined
 * otherwise (the write goes to the live object). Never a silent live write for a Model Git owns: a platform that
 * cannot be managed from Git, or a backend without GitOps set up, is refused before anything is written.
 */
export function rolloutManifest(
  deps: { platforms: ServingPlatforms; gitOps?: GitOpsWrites },
  rollout: StoredRollout,
  gitops: ModelGitOps | undefined,
  change: { what: string; actor: string; direct?: boolean; label: string },
): GitManifest | undefined {
  if (!gitops) {
    return undefined;
  }
  assertGitOpsSupported(
    deps.platforms,
    rollout.target.platform,
    rollout.entityRef,
  );
  if (!deps.gitOps) {
    throw new ServiceUnavailableError(
      `${rollout.entityRef} declares spec.serving.gitops, but GitOps mode is not set up in this backend`,
    );
  }
  return deps.gitOps.manifest(rollout, gitops, change);
}

/**
 * The manifest an ending's write goes to in GitOps mode: always a direct commit (an abort or switch back must
 * not wait for a review; a promotion follows steps already reviewed), followed by `GitOpsEndings`.
 */
export async function endingManifest(
  deps: Parameters<typeof rolloutManifest>[0] & {
    modelInfo: (rollout: StoredRollout) => Promise<RolloutModelInfo>;
  },
  rollout: StoredRollout,
  change: { what: string; actor: string },
  info?: RolloutModelInfo,
): Promise<GitManifest | undefined> {
  if (!deps.gitOps) return undefined;
  const { gitops } = info ?? (await deps.modelInfo(rollout));
  return rolloutManifest(deps, rollout, gitops, {
    ...change,
    direct: true,
    label: 'end',
  });
}
