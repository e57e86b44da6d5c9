import {
  RolloutGitChange,
  RolloutStep,
} from '@mlops-portal/plugin-mlops-common';
import { ServingPlatforms } from '../../shared/ServingPlatforms';
import { claimOf, describeStep } from '../candidateServing';
import { landedAs } from '../confirmTrafficWrite';
import { ENGINE_ACTOR, RolloutRecorder } from '../RolloutRecorder';
import type { RolloutModelInfo } from '../rolloutModelInfo';
import { StoredRollout } from '../RolloutStore';
import { describeDuration, GitOpsWrites, shortSha } from './GitOpsWrites';

/**
 * A step's Git change, made earlier: once its pull request is merged (pull-request mode), wait until the live
 * object shows it, then start the step's clock. A change that does not show within the sync timeout pauses the
 * rollout; a pull request closed without merging too. An ending's Git change is followed by `GitOpsEndings`.
 */
export async function followStepGitChange(
  deps: {
    gitOps: GitOpsWrites;
    platforms: ServingPlatforms;
    /** This portal's `mlops.instanceId`, in the claim the step's traffic carries. */
    instanceId: string;
    records: RolloutRecorder;
    now: () => number;
  },
  rollout: StoredRollout,
  step: RolloutStep,
  info: RolloutModelInfo,
  pending: { git: RolloutGitChange; since: number },
): Promise<void> {
  const { gitOps, records } = deps;
  const { git } = pending;
  const now = deps.now();
  const later = now + gitOps.options.pollMs;
  if (git.status === 'awaiting-merge' && git.pullRequest) {
    const pull = await gitOps.pullRequest(info.gitops!, git.pullRequest.number);
    if (pull.merged) {
      await records.progress(
        rollout,
        { nextCheckAt: now },
        `step ${rollout.stepIndex + 1}: pull request #${
          pull.number
        } merged (${shortSha(
          pull.mergeCommitSha,
        )}); waiting for the cluster to apply it`,
        [],
        undefined,
        { ...git, sha: pull.mergeCommitSha, status: 'awaiting-sync' },
      );
    } else if (pull.state === 'closed') {
      await records.transition(
        rollout,
        'Paused',
        `pull request #${pull.number} of step ${
          rollout.stepIndex + 1
        } was closed without merging; resume to propose it again, or abort`,
        ENGINE_ACTOR,
      );
    } else {
      await records.save(rollout, { ...rollout, nextCheckAt: later }, []);
    }
    return;
  }
  const { router } = deps.platforms.get(rollout.target.platform);
  const claim = claimOf(deps, rollout);
  const candidate = {
    version: rollout.candidateVersion,
    modelUri: rollout.target.modelUri,
  };
  const landed =
    rollout.strategy === 'shadow'
      ? landedAs.shadow(candidate, claim)
      : landedAs.canary(candidate, step.weight, claim);
  if (landed(await router.readSplit(rollout.target))) {
    await records.progress(
      rollout,
      { stepStartedAt: new Date(now).toISOString(), nextCheckAt: now },
      `step ${rollout.stepIndex + 1}: ${describeStep(
        rollout,
        step,
      )} (Git change ${shortSha(git.sha)} applied)`,
      [],
      step.weight,
      { ...git, status: 'applied' },
    );
    return;
  }
  const timeout = gitOps.options.syncTimeoutMs;
  if (now - pending.since >= timeout) {
    await records.transition(
      rollout,
      'Paused',
      `Git change ${shortSha(git.sha)} not applied after ${describeDuration(
        timeout,
      )}; check the GitOps controller, then resume or abort`,
      ENGINE_ACTOR,
    );
    return;
  }
  await records.save(rollout, { ...rollout, nextCheckAt: later }, []);
}
