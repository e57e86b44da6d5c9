import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CHAMPION_ALIAS,
  mlopsRolloutManagePermission,
  RolloutRecord,
  SHADOW_ALIAS,
} from '@mlops-portal/plugin-mlops-common';
import { randomUUID } from 'node:crypto';
import { CandidateCheck } from '../registry/CandidateCheck';
import { QualityGateFailedError } from '../shared/errors/QualityGateFailedError';
import { ModelEntities } from '../shared/ModelEntities';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import { authorizeOnEntity } from '../shared/authorizeOnEntity';
import { AnalysisMetric } from './analysis/analysisTypes';
import { assertGitOpsSupported } from './gitops/assertGitOpsSupported';
import { LiveServingService } from './LiveServingService';
import { RolloutEngine } from './RolloutEngine';
import { planStrategy, StartRolloutOptions } from './rolloutPlans';
import { RolloutStore, StoredRollout } from './RolloutStore';

export type { StartRolloutOptions };

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** A person's action meets the engine's tick saving in between: tried again on a fresh read, this often. */
const CONTROL_ATTEMPTS = 10;
const CONTROL_RETRY_MS = 500;

/**
 * Starts and controls rollouts on behalf of users: permission (`mlops.rollout.manage` on the Model), the
 * candidate's quality gates (as a promotion checks them; a failing version is refused with every failed gate),
 * one active rollout per Model, the candidate's artifact from its registry, the serving platform's default
 * analysis; the {@link RolloutEngine} does the rest.
 */
export class RolloutService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      candidates: CandidateCheck;
      platforms: ServingPlatforms;
      store: RolloutStore;
      engine: RolloutEngine;
      permissions: PermissionsService;
      /** Absent: no check of the live traffic before a start (tests of the service alone). */
      liveServing?: LiveServingService;
    },
  ) {}

  async start(
    options: StartRolloutOptions,
    credentials: UserCredentials,
  ): Promise<RolloutRecord> {
    const { model, candidate, registered, gates, gatesPassed } =
      await this.deps.candidates.check(
        options.entityRef,
        options.version,
        mlopsRolloutManagePermission,
        credentials,
      );
    const serving = model.entity.spec.serving;
    if (!serving?.cluster || !serving.namespace || !serving.resourceName) {
      throw new InputError(
        `${options.entityRef} declares no spec.serving cluster, namespace and resourceName`,
      );
    }
    const platform = this.deps.platforms.get(serving.platform);
    if (serving.gitops) {
      assertGitOpsSupported(
        this.deps.platforms,
        serving.platform,
        options.entityRef,
      );
    }
    const strategy = planStrategy(options);
    if (strategy.strategy === 'shadow') {
      if (!platform.capabilities.shadow) {
        throw new InputError(
          `A shadow needs traffic mirroring, which ${platform.title} cannot do (${options.entityRef} is served by ${serving.platform})`,
        );
      }
      if (options.alias && options.alias !== CHAMPION_ALIAS) {
        throw new InputError(
          `A shadow is compared with ${CHAMPION_ALIAS} and moves only the '${SHADOW_ALIAS}' alias; leave alias out`,
        );
      }
    }
    if (strategy.blueGreen && serving.smokeRequests?.length) {
      if (!platform.capabilities.smokeRequests) {
        throw new InputError(
          `${options.entityRef} names smoke requests, which ${platform.title} cannot send to the candidate alone`,
        );
      }
      // What green must answer is fixed when the rollout starts, like the rest of its plan.
      strategy.blueGreen.smokeRequests = serving.smokeRequests;
    }
    // A shadow names its version with the `shadow` alias and is compared with champion's version.
    const alias =
      strategy.strategy === 'shadow'
        ? SHADOW_ALIAS
        : options.alias ?? CHAMPION_ALIAS;
    const baselineAlias =
      strategy.strategy === 'shadow' ? CHAMPION_ALIAS : alias;
    if (!candidate.source) {
      throw new InputError(
        `Version ${options.version} has no artifact source in its registry to serve`,
      );
    }
    // A rollout ends by moving the alias, so the version must pass the gates a promotion would check.
    if (!gatesPassed) {
      throw new QualityGateFailedError(options.version, gates, {
        message: `Version ${options.version} fails its quality gates: ${gates
          .filter(g => !g.passed)
          .map(g => g.reason)
          .join('; ')}`,
      });
    }
    // The cluster is the truth about traffic: a start must not overwrite traffic nobody here drives.
    const blocker = await this.deps.liveServing?.blockerForNewRollout(
      options.entityRef,
      model.entity,
    );
    if (blocker) {
      throw new ConflictError(blocker);
    }
    const now = Date.now();
    const analysis: AnalysisMetric[] = platform.defaultAnalysis.map(m => ({
      ...m,
      ...options.analysis,
    }));
    const rollout: StoredRollout = {
      id: randomUUID(),
      entityRef: options.entityRef,
      candidateVersion: options.version,
      baselineVersion: registered.aliases[baselineAlias],
      alias,
      target: {
        platform: serving.platform,
        cluster: serving.cluster,
        namespace: serving.namespace,
        name: serving.resourceName,
        modelUri: candidate.source,
      },
      ...strategy,
      analysis,
      stepIndex: 0,
      state: 'Progressing',
      createdBy: credentials.principal.userEntityRef,
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
      nextCheckAt: now,
    };
    if (rollout.baselineVersion === rollout.candidateVersion) {
      throw new ConflictError(
        `Alias '${baselineAlias}' already points at version ${options.version}`,
      );
    }
    if (options.dryRun) {
      const active = await this.deps.store.activeRolloutId(rollout.entityRef);
      if (active) {
        throw new ConflictError(
          `${rollout.entityRef} already has an active rollout (${active}); finish or abort it first`,
        );
      }
      // Nothing is stored: the plan carries no id a caller could look up.
      return { ...this.toRecord(rollout), id: 'dry-run' };
    }
    await this.deps.store.create(rollout, {
      type: 'transition',
      at: rollout.createdAt,
      actor: rollout.createdBy,
      stepIndex: 0,
      to: 'Progressing',
      reason: `started: v${rollout.baselineVersion ?? '–'} → v${
        rollout.candidateVersion
      }${options.reason ? `: ${options.reason}` : ''}`,
    });
    return this.toRecord(rollout);
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<RolloutRecord> {
    const rollout = await this.mustGet(id, credentials);
    return {
      ...this.toRecord(rollout),
      events: await this.deps.store.events(id),
    };
  }

  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RolloutRecord[]> {
    await this.deps.models.getRegisteredModel(entityRef, credentials);
    return (await this.deps.store.list(entityRef)).map(r => this.toRecord(r));
  }

  /**
   * A person's pause, resume, promote or abort. Each is a conditional save over the state read; when the engine's
   * own tick saved in between (it is no person, so this is not a conflict to report), the action is tried again on
   * a fresh read for a few seconds before a 409 says the rollout kept changing.
   */
  async control(
    id: string,
    action: 'pause' | 'resume' | 'promote' | 'abort',
    reason: string,
    credentials: UserCredentials,
  ): Promise<RolloutRecord> {
    const first = await this.mustGet(id, credentials);
    await authorizeOnEntity(
      this.deps.permissions,
      mlopsRolloutManagePermission,
      first.entityRef,
      credentials,
    );
    const actor = credentials.principal.userEntityRef;
    for (let attempt = 1; ; attempt++) {
      const rollout =
        attempt === 1 ? first : await this.mustGet(id, credentials);
      if (await this.tryControl(rollout, action, reason, actor)) {
        return this.get(id, credentials);
      }
      if (attempt >= CONTROL_ATTEMPTS) {
        throw new ConflictError(
          `Rollout ${id} changed meanwhile; reload and try again`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, CONTROL_RETRY_MS));
    }
  }

  /** One attempt at a person's action on the rollout as read; false when it changed since. */
  private async tryControl(
    rollout: StoredRollout,
    action: 'pause' | 'resume' | 'promote' | 'abort',
    reason: string,
    actor: string,
  ): Promise<boolean> {
    const { id } = rollout;
    const { engine } = this.deps;
    const active =
      rollout.state === 'Progressing' || rollout.state === 'Paused';
    if (!active) {
      throw new ConflictError(`Rollout ${id} is ${rollout.state}`);
    }
    if (action === 'promote' && rollout.pendingPromotionId) {
      throw new ConflictError(
        `Rollout ${id} waits for the approval of promotion ${rollout.pendingPromotionId}: approve or reject it on the Registry tab`,
      );
    }
    if (action === 'promote' && rollout.strategy === 'shadow') {
      throw new InputError(
        `A shadow serves no users, so there is nothing to promote: abort rollout ${id}, then start a canary or blue-green of v${rollout.candidateVersion}`,
      );
    }
    if (action === 'pause') {
      if (rollout.state !== 'Progressing') {
        throw new ConflictError(`Rollout ${id} is not progressing`);
      }
      return engine.transition(rollout, 'Paused', reason, actor);
    }
    if (action === 'resume') {
      if (rollout.state !== 'Paused') {
        throw new ConflictError(`Rollout ${id} is not paused`);
      }
      // The step is measured afresh: what made it pause is not held against it again.
      const ok = await engine.transition(
        { ...rollout },
        'Progressing',
        reason,
        actor,
      );
      if (ok) {
        const resumed = (await this.deps.store.get(id))!;
        await this.deps.store.save(
          {
            ...resumed,
            stepStartedAt: undefined,
            nextCheckAt: Date.now(),
            updatedAt: new Date(
              Math.max(Date.now(), Date.parse(resumed.updatedAt) + 1),
            ).toISOString(),
          },
          { state: resumed.state, updatedAt: resumed.updatedAt },
          [],
        );
      }
      return ok;
    }
    // Promote and abort touch the cluster: claim the rollout first so a running engine tick cannot race them.
    const claimed = await engine.claim(rollout);
    if (!claimed) {
      return false;
    }
    if (action === 'promote') {
      await engine.complete(claimed, actor, reason);
    } else {
      await engine.rollBack(claimed, 'Aborted', reason, actor);
    }
    return true;
  }

  private async mustGet(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<StoredRollout> {
    const rollout = await this.deps.store.get(id);
    if (!rollout) {
      throw new NotFoundError(`No rollout ${id}`);
    }
    // Reading the Model applies the caller's catalog read permission to its rollouts.
    await this.deps.models.getRegisteredModel(rollout.entityRef, credentials);
    return rollout;
  }

  private toRecord(rollout: StoredRollout): RolloutRecord {
    const { nextCheckAt, analysis, ...rest } = rollout;
    return {
      ...rest,
      analysis: analysis.map(m => m.name),
      analysisMetrics: analysis.map(m => ({
        name: m.name,
        successCondition: m.successCondition,
        failureCondition: m.failureCondition,
        maxRatioToStable: m.maxRatioToStable,
        intervalSeconds: m.intervalSeconds,
        initialDelaySeconds: m.initialDelaySeconds,
        count: m.count,
      })),
    };
  }
}
