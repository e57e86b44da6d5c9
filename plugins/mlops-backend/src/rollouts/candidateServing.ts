import { ServiceUnavailableError } from '@backstage/errors';
import {
  PromotionRecord,
  RolloutStep,
  SHADOW_ALIAS,
} from '@mlops-portal/plugin-mlops-common';
import { RolloutClaim } from '@mlops-portal/plugin-mlops-node';
import { StoredRollout } from './RolloutStore';
import { AliasMover } from '../registry/AliasMover';
import { AliasFilePullRequests } from '../registry/pullRequests/AliasFilePullRequests';
import { requireAliasFile } from '../registry/pullRequests/requireAliasFile';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import type { RolloutModelInfo } from './rolloutModelInfo';
import { confirmTrafficWrite, landedAs } from './confirmTrafficWrite';

/*
 * How each strategy puts its candidate into serving and takes it out again, on the cluster (and for a shadow in
 * the registry): the engine decides when, these say how. Every traffic write goes through confirmTrafficWrite: one
 * the cluster never answered is read back, never guessed.
 */

type ServingDeps = {
  platforms: ServingPlatforms;
  aliases: AliasMover;
  /** This portal's `mlops.instanceId`: with the rollout's id, the claim its traffic writes carry. */
  instanceId: string;
  modelInfo: (rollout: StoredRollout) => Promise<RolloutModelInfo>;
  /** Opens the alias-file pull requests of Models whose registry policy is `changeVia: pull-request`. */
  pullRequests?: AliasFilePullRequests;
};

/** The claim a rollout's traffic writes carry. */
export const claimOf = (
  deps: Pick<ServingDeps, 'instanceId'>,
  rollout: StoredRollout,
): RolloutClaim => ({ rolloutId: rollout.id, instanceId: deps.instanceId });

/** Sets up a step on the cluster (and, for a shadow, the `shadow` alias in the registry). */
export async function setUpStep(
  deps: ServingDeps,
  rollout: StoredRollout,
  step: RolloutStep,
  info: RolloutModelInfo,
) {
  const { router } = deps.platforms.get(rollout.target.platform);
  const claim = claimOf(deps, rollout);
  const candidate = {
    version: rollout.candidateVersion,
    modelUri: rollout.target.modelUri,
  };
  if (rollout.strategy !== 'shadow') {
    await confirmTrafficWrite(
      router,
      rollout.target,
      () => router.setCanary(rollout.target, candidate, step.weight, { claim }),
      landedAs.canary(candidate, step.weight, claim),
    );
    return;
  }
  await confirmTrafficWrite(
    router,
    rollout.target,
    () => router.setShadow(rollout.target, candidate, { claim }),
    landedAs.shadow(candidate, claim),
  );
  try {
    await deps.aliases.moveForRollout({
      entityRef: rollout.entityRef,
      registry: info.registry(),
      registeredModel: info.registeredModel,
      alias: SHADOW_ALIAS,
      toVersion: rollout.candidateVersion,
      actor: rollout.createdBy,
      reason: `shadow rollout ${rollout.id}`,
    });
  } catch (error) {
    // No shadow is left mirroring traffic under a rollout that failed to start it.
    await router
      .removeShadow(rollout.target, { claim, release: true })
      .catch(() => undefined);
    throw error;
  }
}

/**
 * Gives the candidate all traffic, makes it the stable model and moves the rollout's alias to it; the promotion
 * record of that move. For a protected alias of a Model in pull-request mode (`changeVia: pull-request`) the move
 * is a pull request against the alias file instead, and the record comes back `pending_pull_request`: the
 * traffic is the rollout's, the alias is the reviewer's. Where the rollout's own promotion request was already
 * decided (`pendingPromotionId`, completed: approved, or its pull request merged), that is the move and nothing
 * more is written.
 */
export async function promoteCandidate(
  deps: ServingDeps,
  rollout: StoredRollout,
  reason: string,
  info?: RolloutModelInfo,
): Promise<PromotionRecord> {
  const { router } = deps.platforms.get(rollout.target.platform);
  const claim = claimOf(deps, rollout);
  const model = info ?? (await deps.modelInfo(rollout));
  // Refused before any traffic moves: a Model in pull-request mode without a usable alias file.
  const viaPullRequest = pullRequestOf(deps, rollout, model);
  const candidate = {
    version: rollout.candidateVersion,
    modelUri: rollout.target.modelUri,
  };
  const promoted = landedAs.promoted(candidate, claim);
  // A retry after an unconfirmed promotion finds the candidate already stable: nothing left to write.
  const live = await router.readSplit(rollout.target);
  if (!promoted(live)) {
    await confirmTrafficWrite(
      router,
      rollout.target,
      () => router.setCanary(rollout.target, candidate, 100, { claim }),
      landedAs.canary(candidate, 100, claim),
    );
    await confirmTrafficWrite(
      router,
      rollout.target,
      () => router.promoteCanary(rollout.target, { claim, release: true }),
      promoted,
    );
  }
  const decided =
    rollout.pendingPromotionId &&
    (await deps.aliases.record(rollout.pendingPromotionId));
  if (
    decided &&
    decided.state === 'completed' &&
    decided.alias === rollout.alias &&
    decided.toVersion === rollout.candidateVersion
  ) {
    return decided;
  }
  return deps.aliases.moveForRollout({
    ...aliasMove(rollout, model, reason),
    viaPullRequest,
  });
}

/**
 * Asks for the move of the rollout's alias to the candidate, pending a second person's approval (a protected
 * alias whose move a rollout only recommends); recorded as requested by whoever started the rollout. In
 * pull-request mode the request is the alias file's pull request, whose review is that approval.
 */
export function requestPromotion(
  deps: ServingDeps,
  rollout: StoredRollout,
  reason: string,
  info: RolloutModelInfo,
) {
  const viaPullRequest = pullRequestOf(deps, rollout, info);
  return deps.aliases.moveForRollout({
    ...aliasMove(rollout, info, reason),
    ...(viaPullRequest ? { viaPullRequest } : { needsApproval: true }),
  });
}

/**
 * How a rollout's alias move becomes a pull request, when it must: the alias is protected and the Model's
 * registry policy is `changeVia: pull-request` (as for a promotion by hand, `PromotionService.promote`). Throws
 * when the Model names no alias file, the file's path or host is refused, or pull requests are not wired.
 */
export function pullRequestOf(
  deps: Pick<ServingDeps, 'pullRequests'>,
  rollout: StoredRollout,
  info: RolloutModelInfo,
): ((record: PromotionRecord) => Promise<PromotionRecord>) | undefined {
  const policy = info.aliasPullRequests;
  if (!policy || !info.protectedAliases.includes(rollout.alias)) {
    return undefined;
  }
  const file = requireAliasFile(rollout.entityRef, policy.file);
  const { provider } = policy;
  const pullRequests = deps.pullRequests;
  if (!pullRequests) {
    throw new ServiceUnavailableError(
      `${rollout.entityRef} moves aliases through pull requests, which this engine cannot open`,
    );
  }
  pullRequests.repository(file);
  return record => pullRequests.open(record, file, provider);
}

/** The move of the rollout's alias to its candidate, on behalf of whoever started the rollout. */
function aliasMove(
  rollout: StoredRollout,
  info: RolloutModelInfo,
  reason: string,
) {
  return {
    entityRef: rollout.entityRef,
    registry: info.registry(),
    registeredModel: info.registeredModel,
    alias: rollout.alias,
    toVersion: rollout.candidateVersion,
    actor: rollout.createdBy,
    reason: `${rollout.strategy} rollout ${rollout.id}: ${reason}`,
  };
}

/** Takes the candidate out of serving; what was done, for the reason. */
export async function retireCandidate(
  deps: ServingDeps,
  rollout: StoredRollout,
): Promise<string> {
  const { router } = deps.platforms.get(rollout.target.platform);
  const claim = claimOf(deps, rollout);
  const release = { claim, release: true };
  if (rollout.strategy === 'shadow') {
    await confirmTrafficWrite(
      router,
      rollout.target,
      () => router.removeShadow(rollout.target, release),
      landedAs.noShadow(claim),
    );
    const info = await deps.modelInfo(rollout);
    await deps.aliases.clearIfStill({
      registry: info.registry(),
      registeredModel: info.registeredModel,
      alias: SHADOW_ALIAS,
      version: rollout.candidateVersion,
    });
    return `shadow removed, alias '${SHADOW_ALIAS}' cleared`;
  }
  const candidate = {
    version: rollout.candidateVersion,
    modelUri: rollout.target.modelUri,
  };
  await confirmTrafficWrite(
    router,
    rollout.target,
    () => router.setCanary(rollout.target, candidate, 0, release),
    landedAs.canary(candidate, 0, claim, true),
  );
  if (rollout.strategy === 'bluegreen') {
    return rollout.stepIndex > 0 && rollout.stepStartedAt
      ? `switched back: blue v${rollout.baselineVersion ?? '?'} has 100%`
      : 'green at 0%';
  }
  return 'canary at 0%';
}

/** What a step does, in words, for its transition event. */
export function describeStep(
  rollout: StoredRollout,
  step: RolloutStep,
): string {
  const candidate = `v${rollout.candidateVersion}`;
  switch (rollout.strategy) {
    case 'shadow':
      return `${candidate} shadows production (a copy of every request, answers discarded)`;
    case 'bluegreen':
      return rollout.stepIndex === 0
        ? `green ${candidate} deployed beside blue at 0%`
        : `switched: green ${candidate} has 100%, blue stays warm for ${
            rollout.blueGreen?.warmSeconds ?? step.durationSeconds
          } s`;
    case 'abtest':
      return `A/B split, ${candidate} at ${step.weight}%`;
    default:
      return `canary at ${step.weight}%`;
  }
}
