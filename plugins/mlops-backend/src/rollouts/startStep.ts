import { LoggerService } from '@backstage/backend-plugin-api';
import { RolloutStep } from '@mlops-portal/plugin-mlops-common';
import { TrafficWriteUnconfirmedError } from '@mlops-portal/plugin-mlops-node';
import { AliasMover } from '../registry/AliasMover';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import { describeStep, setUpStep } from './candidateServing';
import {
  GitOpsWrites,
  servingThrough,
  stepChange,
} from './gitops/GitOpsWrites';
import { rolloutManifest } from './gitops/rolloutManifest';
import { ENGINE_ACTOR, RolloutRecorder } from './RolloutRecorder';
import type { RolloutModelInfo } from './rolloutModelInfo';
import { StoredRollout } from './RolloutStore';

/** How soon a step whose traffic write the cluster did not confirm is tried again. */
const UNCONFIRMED_RETRY_MS = 5_000;

/**
 * Sets up the rollout's current step (a canary weight, a shadow, green beside blue) and starts its clock. In
 * GitOps mode the step's traffic change is a Git change instead, and the step starts only once the live object
 * shows it (see `followStepGitChange`). A write the cluster did not confirm is tried again soon; any other
 * failure fails the rollout.
 */
export async function startStep(
  deps: {
    platforms: ServingPlatforms;
    aliases: AliasMover;
    instanceId: string;
    modelInfo: (rollout: StoredRollout) => Promise<RolloutModelInfo>;
    gitOps?: GitOpsWrites;
    logger: LoggerService;
    records: RolloutRecorder;
    now: () => number;
  },
  rollout: StoredRollout,
  step: RolloutStep,
  info: RolloutModelInfo,
): Promise<void> {
  const { records } = deps;
  let manifest;
  try {
    manifest = rolloutManifest(deps, rollout, info.gitops, {
      what: `Step ${rollout.stepIndex + 1}/${
        rollout.steps.length
      }: ${describeStep(rollout, step)}, v${rollout.candidateVersion}`,
      actor: rollout.createdBy,
      label: `step-${rollout.stepIndex + 1}`,
    });
    await setUpStep(deps, servingThrough(rollout, manifest), step, info);
    if (manifest) {
      // Not started until the live object shows it: the step's clock and analysis wait for the sync.
      const { git, reason } = stepChange(
        manifest,
        `step ${rollout.stepIndex + 1}: ${describeStep(rollout, step)}`,
      );
      await records.progress(
        rollout,
        { nextCheckAt: deps.now() },
        reason,
        [],
        step.weight,
        git,
      );
      return;
    }
  } catch (error) {
    if (error instanceof TrafficWriteUnconfirmedError) {
      // Not failed, not done: the step starts once a write of it is confirmed.
      deps.logger.warn(`Rollout ${rollout.id}: ${error.message}`);
      await records.save(
        rollout,
        {
          ...rollout,
          stateReason: `step ${rollout.stepIndex + 1} not started yet: ${
            error.message
          }; trying again`,
          nextCheckAt: deps.now() + UNCONFIRMED_RETRY_MS,
        },
        [],
      );
      return;
    }
    await records.transition(
      rollout,
      'Failed',
      `could not set up step ${rollout.stepIndex + 1} (${describeStep(
        rollout,
        step,
      )}): ${error}`,
      ENGINE_ACTOR,
    );
    return;
  }
  const at = deps.now();
  await records.progress(
    rollout,
    { stepStartedAt: new Date(at).toISOString(), nextCheckAt: at },
    `step ${rollout.stepIndex + 1}: ${describeStep(rollout, step)}`,
    [],
    step.weight,
  );
}
