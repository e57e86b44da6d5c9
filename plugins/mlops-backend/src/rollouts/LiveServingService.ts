import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  LiveServing,
  mlopsRolloutManagePermission,
  ModelEntityV1alpha1,
  ReturnToStableRequest,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import {
  GitManifest,
  sameClaim,
  ServingTarget,
  TrafficSplit,
} from '@mlops-portal/plugin-mlops-node';
import { authorizeOnEntity } from '../shared/authorizeOnEntity';
import { kubernetesErrorToServiceError } from '../shared/errors/kubernetesErrorToServiceError';
import { ModelEntities } from '../shared/ModelEntities';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import { RolloutStore } from './RolloutStore';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { assertGitOpsSupported } from './gitops/assertGitOpsSupported';
import { GitOpsWrites, recordedChange, shortSha } from './gitops/GitOpsWrites';
import { pendingEndingChange } from './gitops/GitOpsEndings';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
type PendingGitChange = NonNullable<LiveServing['pendingGitChange']>;

/** A rollout's ending in words, by its final state. */
const ENDING_WORDS: Partial<Record<RolloutState, string>> = {
  Succeeded: 'promotion',
  Aborted: 'abort',
  RolledBack: 'rollback',
  Failed: 'rollback after the failure',
};

/**
 * A Model's live serving, read from the cluster: the split, the claim on the serving object, whether an active
 * rollout of this portal drives it, and when traffic is off stable with nobody driving it (an orphan: a
 * crashed portal whose database is gone, another portal's rollout, a hand edit), the way back: one write that
 * returns all traffic to stable and clears the claim. In GitOps mode, traffic still claimed by a rollout of this
 * portal whose ending is committed but not yet applied is no orphan: it is reported as that pending Git change
 * until the sync timeout has passed.
 */
export class LiveServingService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      platforms: ServingPlatforms;
      store: RolloutStore;
      permissions: PermissionsService;
      logger: LoggerService;
      instanceId: string;
      /** GitOps mode: where a return to stable of a Model with `spec.serving.gitops` commits. */
      gitOps?: GitOpsWrites;
      /** Now, in ms (the engine's clock in tests); `Date.now` by default. */
      clock?: () => number;
    },
  ) {}

  async read(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<LiveServing> {
    const entity = await this.deps.models.getModel(entityRef, credentials);
    return this.readEntity(entityRef, entity);
  }

  /**
   * Returns all traffic to stable and clears the claim (permission `mlops.rollout.manage`). Refused (409) while an
   * active rollout of this portal drives the traffic (abort it instead) and when the claim changed since the
   * caller looked. In GitOps mode (`spec.serving.gitops`) the write is a direct commit of the manifest (even in
   * pull-request mode: it is the way out of orphaned traffic), the answer carries the commit in `git`, and the
   * live split changes when the GitOps controller applies it; a platform that cannot be managed from Git is
   * refused (400) before anything is written.
   */
  async returnToStable(
    entityRef: string,
    request: ReturnToStableRequest,
    credentials: UserCredentials,
  ): Promise<LiveServing> {
    const entity = await this.deps.models.getModel(entityRef, credentials);
    await authorizeOnEntity(
      this.deps.permissions,
      mlopsRolloutManagePermission,
      entityRef,
      credentials,
    );
    const actor = credentials.principal.userEntityRef;
    // Refused before anything else when Git owns the traffic but this platform's write would bypass it.
    const manifest = this.manifestFor(entityRef, entity, {
      reason: request.reason,
      actor,
    });
    const live = await this.readEntity(entityRef, entity);
    if (live.drivenBy) {
      throw new ConflictError(
        `Rollout ${live.drivenBy.rolloutId} drives this traffic; abort it instead`,
      );
    }
    if (live.pendingGitChange) {
      // Git already holds the way back; a second commit would only race the controller.
      throw new ConflictError(waitForGitChange(live.pendingGitChange));
    }
    const expected =
      request.expectedClaim === undefined
        ? live.claim
        : request.expectedClaim ?? undefined;
    const { router } = this.deps.platforms.get(live.platform);
    await router
      .returnToStable(
        manifest ? { ...live.target, manifest } : live.target,
        expected,
      )
      .catch(error => {
        throw manifest
          ? upstreamErrorToServiceError(error)
          : kubernetesErrorToServiceError(error, targetName(live.target));
      });
    const git = recordedChange(
      manifest?.changes[manifest.changes.length - 1],
      'awaiting-sync',
    );
    this.deps.logger.info(
      `${actor} returned all traffic of ${entityRef} to stable (${
        live.orphan ?? 'no orphan'
      })${git ? `, committed to Git (${shortSha(git.sha)})` : ''}: ${
        request.reason
      }`,
    );
    const after = await this.readEntity(entityRef, entity);
    return git ? { ...after, git } : after;
  }

  /**
   * GitOps mode: the manifest a return to stable commits to; undefined when the Model's traffic is written live.
   * Never a live write for a Model Git owns: a platform that cannot be managed from Git, or a backend without
   * GitOps set up, is refused.
   */
  private manifestFor(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    change: { reason: string; actor: string },
  ): GitManifest | undefined {
    const serving = entity.spec.serving;
    if (!serving?.gitops) {
      return undefined;
    }
    assertGitOpsSupported(this.deps.platforms, serving.platform, entityRef);
    if (!this.deps.gitOps) {
      throw new ServiceUnavailableError(
        `${entityRef} declares spec.serving.gitops, but GitOps mode is not set up in this backend`,
      );
    }
    return this.deps.gitOps.returnToStableManifest(
      entityRef,
      serving.gitops,
      change,
    );
  }

  /**
   * Why a new rollout of the Model must not start on this traffic, if it must not: a claim this portal does not
   * hold, or a candidate with traffic no rollout drives. Best effort: a cluster that cannot be read now blocks
   * nothing here (the rollout's first claimed write meets the same claim and is refused).
   */
  async blockerForNewRollout(
    entityRef: string,
    entity: ModelEntityV1alpha1,
  ): Promise<string | undefined> {
    const live = await this.readEntity(entityRef, entity).catch(
      () => undefined,
    );
    if (!live) {
      return undefined;
    }
    if (live.pendingGitChange) {
      return waitForGitChange(live.pendingGitChange);
    }
    if (live.claim && !live.drivenBy) {
      return `${targetName(live.target)} is claimed by rollout ${
        live.claim.rolloutId
      } of portal '${live.claim.instanceId}'${
        live.orphan ? `: ${live.orphan}` : ''
      }. Return all traffic to stable from the Deployment tab first`;
    }
    return live.orphan
      ? `${live.orphan}. Return all traffic to stable from the Deployment tab first`
      : undefined;
  }

  /**
   * GitOps mode: the ending's Git change of the rollout of this portal the live object is still claimed by,
   * while it waits to be applied and the sync timeout has not passed (after that, the ending's follow-up records
   * it as not applied and the traffic reads as an orphan again).
   */
  private async pendingEnding(
    entityRef: string,
    claim: TrafficSplit['claim'],
  ): Promise<PendingGitChange | undefined> {
    const gitOps = this.deps.gitOps;
    if (!gitOps || !claim || claim.instanceId !== this.deps.instanceId) {
      return undefined;
    }
    const rollout = await this.deps.store.get(claim.rolloutId);
    const ending = rollout && ENDING_WORDS[rollout.state];
    if (!rollout || !ending || rollout.entityRef !== entityRef) {
      return undefined;
    }
    const pending = pendingEndingChange(
      await this.deps.store.events(rollout.id),
    );
    const now = this.deps.clock?.() ?? Date.now();
    if (
      !pending?.git.sha ||
      now - pending.since >= gitOps.options.syncTimeoutMs
    ) {
      return undefined;
    }
    const what =
      rollout.strategy === 'shadow' && rollout.state === 'Succeeded'
        ? 'end of the shadow'
        : ending;
    return {
      sha: pending.git.sha,
      ...(pending.git.url ? { url: pending.git.url } : {}),
      rolloutId: rollout.id,
      state: rollout.state,
      ending: what,
      since: new Date(pending.since).toISOString(),
      message: `Waiting for Git change ${shortSha(
        pending.git.sha,
      )} (the ${what} of rollout ${
        rollout.id
      }) to be applied by the GitOps controller`,
    };
  }

  private async readEntity(
    entityRef: string,
    entity: ModelEntityV1alpha1,
  ): Promise<LiveServing> {
    const serving = entity.spec.serving;
    if (!serving?.cluster || !serving.namespace || !serving.resourceName) {
      throw new InputError(
        `${entityRef} declares no spec.serving cluster, namespace and resourceName`,
      );
    }
    const platform = this.deps.platforms.get(serving.platform);
    const target = {
      cluster: serving.cluster,
      namespace: serving.namespace,
      name: serving.resourceName,
    };
    const [split, activeId] = await Promise.all([
      platform.router.readSplit(target).catch(error => {
        throw kubernetesErrorToServiceError(error, targetName(target));
      }),
      this.deps.store.activeRolloutId(entityRef),
    ]);
    const active = activeId ? await this.deps.store.get(activeId) : undefined;
    const mine = active && {
      rolloutId: active.id,
      instanceId: this.deps.instanceId,
    };
    // An active rollout drives the traffic when the object carries its claim, or no claim yet (its first step
    // is not set up).
    const drivenBy =
      active && (!split.claim || sameClaim(split.claim, mine))
        ? { rolloutId: active.id, state: active.state }
        : undefined;
    const pendingGitChange = drivenBy
      ? undefined
      : await this.pendingEnding(entityRef, split.claim);
    const { claim, ...shares } = split;
    return {
      entityRef,
      platform: platform.name,
      platformTitle: platform.title,
      target,
      split: shares,
      ...(claim ? { claim } : {}),
      ...(drivenBy ? { drivenBy } : {}),
      ...(pendingGitChange ? { pendingGitChange } : {}),
      ...(drivenBy || pendingGitChange ? {} : orphanOf(split)),
      readAt: new Date().toISOString(),
    };
  }
}

/** The start's refusal while an ended rollout's Git change is on its way to the cluster. */
function waitForGitChange(pending: PendingGitChange): string {
  const sha = shortSha(pending.sha);
  return `The ${pending.ending} of rollout ${pending.rolloutId} is committed to Git (${sha}) but not applied yet: wait until Git change ${sha} is applied`;
}

/** In plain words, what off-stable traffic no rollout drives; nothing when all of it is on stable. */
function orphanOf(split: TrafficSplit): { orphan?: string } {
  const parts: string[] = [];
  if (split.canary && split.canary.weight > 0) {
    parts.push(
      `v${split.canary.version ?? '?'} receives ${split.canary.weight}%`,
    );
  }
  if (split.shadow) {
    parts.push(
      `v${split.shadow.version ?? '?'} receives a copy of every request`,
    );
  }
  if (!parts.length && !split.claim) {
    return {};
  }
  const claim = split.claim
    ? ` (claimed by rollout ${split.claim.rolloutId} of portal '${split.claim.instanceId}')`
    : '';
  return {
    orphan: parts.length
      ? `${parts.join(' and ')} and no rollout drives it${claim}`
      : `The serving object is claimed by rollout ${
          split.claim!.rolloutId
        } of portal '${split.claim!.instanceId}', which no rollout here drives`,
  };
}

function targetName(target: ServingTarget) {
  return `serving resource ${target.namespace}/${target.name} on cluster '${target.cluster}'`;
}
