import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RolloutEvent,
  RolloutGitChange,
  RolloutState,
  RolloutStep,
} from '@mlops-portal/plugin-mlops-common';
import {
  forEachConcurrently,
  TrafficWriteUnconfirmedError,
} from '@mlops-portal/plugin-mlops-node';
import { RolloutStore, StoredRollout } from './RolloutStore';
import { AliasMover } from '../registry/AliasMover';
import { judgeAbTest } from './abTestStep';
import { judgeGreen } from './blueGreenStep';
import { judgeShadow } from './shadowStep';
import { judgeCanaryStep } from './canaryStep';
import {
  describeStep,
  promoteCandidate,
  requestPromotion,
  retireCandidate,
  setUpStep,
} from './candidateServing';
import { RolloutStepActions } from './rolloutStepActions';
import { RolloutModelInfo } from './rolloutModelInfo';

export type { RolloutModelInfo } from './rolloutModelInfo';
import { measureDueMetrics } from './analysis/measureDueMetrics';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import {
  describeDuration,
  GitOpsWrites,
  pendingGitChange,
  endingChange,
  servingThrough,
  stepChange,
  shortSha,
} from './gitops/GitOpsWrites';
import { claimOf } from './candidateServing';
import { GitOpsEndings } from './gitops/GitOpsEndings';
import { rolloutManifest } from './gitops/rolloutManifest';
import { landedAs } from './confirmTrafficWrite';

/** How soon a step whose traffic write the cluster did not confirm is tried again. */
const UNCONFIRMED_RETRY_MS = 5_000;

export const ENGINE_ACTOR = 'mlops:rollout-engine';

/**
 * Drives rollouts through their steps. Every `tick` advances each due Progressing rollout by at most one
 * action: set up the step (a canary weight, a shadow, green beside blue), take the measurements that are due,
 * or decide (next step, promote, roll back, pause). The strategies differ only in their steps' set-up
 * (`candidateServing`) and verdict (`canaryStep`, `abTestStep`, `shadowStep`, `blueGreenStep`); a blue-green is
 * two steps, green at 0% until ready and green at 100% for the warm period, so its "switch back" is the canary's
 * roll back. All state lives in the store, so a restarted backend resumes at the stored step, and every save is
 * conditional on the state read, so a concurrent engine or a person's action wins cleanly instead of both.
 */
export class RolloutEngine {
  constructor(
    private readonly deps: {
      store: RolloutStore;
      platforms: ServingPlatforms;
      aliases: AliasMover;
      /** This portal's `mlops.instanceId`, in the claims its traffic writes carry. */
      instanceId: string;
      modelInfo: (rollout: StoredRollout) => Promise<RolloutModelInfo>;
      logger: LoggerService;
      clock?: () => number;
      /** Rollouts advanced at once per tick (default 8). */
      concurrency?: number;
      /** GitOps mode: Models with `spec.serving.gitops` change traffic through Git (see {@link GitOpsWrites}). */
      gitOps?: GitOpsWrites;
    },
  ) {
    this.endings =
      deps.gitOps &&
      new GitOpsEndings({
        ...deps,
        gitOps: deps.gitOps,
        now: () => this.now(),
        actor: ENGINE_ACTOR,
      });
  }

  /** GitOps mode: follows ended rollouts until their ending's Git change is live, or reports it is not. */
  private readonly endings?: GitOpsEndings;

  private now() {
    return this.deps.clock?.() ?? Date.now();
  }

  /**
   * Advances every due rollout, a few at a time (each waits mostly on Prometheus and the cluster); errors are
   * logged per rollout, never thrown, so one bad rollout stops none.
   */
  async tick(): Promise<void> {
    const due = await this.deps.store.due(this.now());
    await forEachConcurrently(
      due,
      this.deps.concurrency ?? 8,
      async rollout => {
        try {
          await this.advance(rollout);
        } catch (error) {
          this.deps.logger.error(
            `Rollout ${rollout.id} could not advance: ${error}`,
          );
        }
      },
    );
    await this.endings?.follow();
  }

  /**
   * Claims a rollout as read (see {@link RolloutStore.claim}); the claimed copy, or undefined when another
   * engine or a person got there first.
   */
  async claim(rollout: StoredRollout): Promise<StoredRollout | undefined> {
    const at = Math.max(this.now(), Date.parse(rollout.updatedAt) + 1);
    return (await this.deps.store.claim(rollout, at))
      ? { ...rollout, updatedAt: new Date(at).toISOString() }
      : undefined;
  }

  async advance(read: StoredRollout): Promise<void> {
    if (read.state !== 'Progressing') {
      return;
    }
    // Another replica may have read the same due rollout; only the one that claims it acts.
    const rollout = await this.claim(read);
    if (!rollout) {
      return;
    }
    const step = rollout.steps[rollout.stepIndex];
    const platform = this.deps.platforms.get(rollout.target.platform);
    const { router } = platform;
    const info = await this.deps.modelInfo(rollout);

    if (!rollout.stepStartedAt) {
      const gitops = this.deps.gitOps && info.gitops;
      if (gitops) {
        const pending = pendingGitChange(
          await this.deps.store.events(rollout.id),
          rollout.stepIndex,
        );
        if (pending) {
          await this.followGitChange(rollout, step, info, pending);
          return;
        }
      }
      let manifest;
      try {
        manifest = rolloutManifest(this.deps, rollout, info.gitops, {
          what: `Step ${rollout.stepIndex + 1}/${
            rollout.steps.length
          }: ${describeStep(rollout, step)}, v${rollout.candidateVersion}`,
          actor: rollout.createdBy,
          label: `step-${rollout.stepIndex + 1}`,
        });
        await setUpStep(
          this.deps,
          servingThrough(rollout, manifest),
          step,
          info,
        );
        if (manifest) {
          // Not started until the live object shows it: the step's clock and analysis wait for the sync.
          const { git, reason } = stepChange(
            manifest,
            `step ${rollout.stepIndex + 1}: ${describeStep(rollout, step)}`,
          );
          await this.progress(
            rollout,
            { nextCheckAt: this.now() },
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
          this.deps.logger.warn(`Rollout ${rollout.id}: ${error.message}`);
          await this.save(
            rollout,
            {
              ...rollout,
              stateReason: `step ${rollout.stepIndex + 1} not started yet: ${
                error.message
              }; trying again`,
              nextCheckAt: this.now() + UNCONFIRMED_RETRY_MS,
            },
            [],
          );
          return;
        }
        await this.transition(
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
      const at = this.now();
      await this.progress(
        rollout,
        { stepStartedAt: new Date(at).toISOString(), nextCheckAt: at },
        `step ${rollout.stepIndex + 1}: ${describeStep(rollout, step)}`,
        [],
        step.weight,
      );
      return;
    }

    const stepStart = Date.parse(rollout.stepStartedAt);
    if (rollout.strategy === 'bluegreen' && rollout.stepIndex === 0) {
      // Green has no traffic yet: it is judged by the operator's readiness, not by analysis.
      await judgeGreen(this.stepActions(), {
        rollout,
        stepStart,
        router,
        target: rollout.target,
      });
      return;
    }
    // The arms as the platform's metrics label them (Seldon v1: predictor names; KServe: revisions).
    const arms = await platform.metricPredictors?.(rollout.target);
    const target = {
      namespace: rollout.target.namespace,
      deployment: rollout.target.name,
      canaryPredictor:
        rollout.strategy === 'shadow'
          ? arms?.shadow ?? 'shadow'
          : arms?.canary ?? 'canary',
      stablePredictor: arms?.stable ?? 'stable',
      window: info.window,
    };
    const { taken, phases } = await measureDueMetrics({
      analysis: rollout.analysis,
      events: await this.deps.store.events(rollout.id),
      stepStart,
      now: this.now(),
      target,
      prometheus: info.prometheus,
    });
    const newEvents: RolloutEvent[] = taken.map(m =>
      this.event('measurement', rollout, {
        metric: m.metric,
        phase: m.phase,
        value: m.value,
        stableValue: m.stableValue,
        message: m.message,
      }),
    );
    const failed = phases.find(([, p]) => p === 'Failed');
    const unsure = phases.find(
      ([, p]) => p === 'Inconclusive' || p === 'Error',
    );

    if (failed) {
      await this.rollBack(
        rollout,
        'RolledBack',
        `analysis ${failed[0]} failed at step ${rollout.stepIndex + 1}`,
        ENGINE_ACTOR,
        newEvents,
      );
      return;
    }
    if (unsure) {
      await this.transition(
        rollout,
        'Paused',
        `analysis ${
          unsure[0]
        } is ${unsure[1].toLowerCase()}; a person must decide`,
        ENGINE_ACTOR,
        newEvents,
      );
      return;
    }
    if (rollout.strategy === 'abtest' && rollout.abTest) {
      // The analysis above stays on as a guardrail; the verdict is the A/B test's.
      await judgeAbTest(this.stepActions(), {
        rollout,
        stepStart,
        target,
        info,
        events: newEvents,
      });
      return;
    }
    const allDone = phases.every(([, p]) => p === 'Successful');
    if (rollout.strategy === 'shadow' && rollout.shadow) {
      await judgeShadow(this.stepActions(), {
        rollout,
        stepStart,
        target,
        info,
        analysisDone: allDone,
        events: newEvents,
      });
      return;
    }
    await judgeCanaryStep(this.stepActions(), {
      rollout,
      stepStart,
      target,
      info,
      analysisDone: allDone,
      events: newEvents,
    });
  }

  /**
   * A step's Git change, made earlier: once its pull request is merged (pull-request mode), wait until the live
   * object shows it, then start the step's clock. A change that does not show within the sync timeout pauses the
   * rollout; a pull request closed without merging too.
   */
  private async followGitChange(
    rollout: StoredRollout,
    step: RolloutStep,
    info: RolloutModelInfo,
    pending: { git: RolloutGitChange; since: number },
  ) {
    const gitOps = this.deps.gitOps!;
    const { git } = pending;
    const now = this.now();
    const later = now + gitOps.options.pollMs;
    if (git.status === 'awaiting-merge' && git.pullRequest) {
      const pull = await gitOps.pullRequest(
        info.gitops!,
        git.pullRequest.number,
      );
      if (pull.merged) {
        await this.progress(
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
        await this.transition(
          rollout,
          'Paused',
          `pull request #${pull.number} of step ${
            rollout.stepIndex + 1
          } was closed without merging; resume to propose it again, or abort`,
          ENGINE_ACTOR,
        );
      } else {
        await this.save(rollout, { ...rollout, nextCheckAt: later }, []);
      }
      return;
    }
    const { router } = this.deps.platforms.get(rollout.target.platform);
    const claim = claimOf(this.deps, rollout);
    const candidate = {
      version: rollout.candidateVersion,
      modelUri: rollout.target.modelUri,
    };
    const landed =
      rollout.strategy === 'shadow'
        ? landedAs.shadow(candidate, claim)
        : landedAs.canary(candidate, step.weight, claim);
    if (landed(await router.readSplit(rollout.target))) {
      await this.progress(
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
      await this.transition(
        rollout,
        'Paused',
        `Git change ${shortSha(git.sha)} not applied after ${describeDuration(
          timeout,
        )}; check the GitOps controller, then resume or abort`,
        ENGINE_ACTOR,
      );
      return;
    }
    await this.save(rollout, { ...rollout, nextCheckAt: later }, []);
  }

  /**
   * The manifest an ending's write goes to in GitOps mode: always a direct commit (an abort or switch back must
   * not wait for a review; a promotion follows steps already reviewed), followed by {@link GitOpsEndings}.
   */
  private async endingManifest(
    rollout: StoredRollout,
    what: string,
    actor: string,
    info?: RolloutModelInfo,
  ) {
    if (!this.deps.gitOps) return undefined;
    const { gitops } = info ?? (await this.deps.modelInfo(rollout));
    const change = { what, actor, direct: true, label: 'end' };
    return rolloutManifest(this.deps, rollout, gitops, change);
  }

  /** Gives the candidate all traffic and moves the alias; the rollout Succeeds only if both happen. */
  async complete(
    rollout: StoredRollout,
    actor: string,
    reason: string,
    events: RolloutEvent[] = [],
    info?: RolloutModelInfo,
  ): Promise<void> {
    let manifest;
    try {
      manifest = await this.endingManifest(
        rollout,
        `Promote v${rollout.candidateVersion}: ${reason}`,
        actor,
        info,
      );
      await promoteCandidate(
        this.deps,
        servingThrough(rollout, manifest),
        reason,
        info,
      );
    } catch (error) {
      if (error instanceof TrafficWriteUnconfirmedError) {
        await this.pauseUnconfirmed(
          rollout,
          'promote',
          reason,
          error,
          actor,
          events,
        );
        return;
      }
      await this.transition(
        rollout,
        'Failed',
        `could not finish: ${error}`,
        actor,
        events,
      );
      return;
    }
    const { git, note } = endingChange(manifest);
    await this.transition(
      rollout,
      'Succeeded',
      note ? `${reason}; ${note}` : reason,
      actor,
      events,
      git,
    );
  }

  /**
   * Takes the candidate out of serving, then records `state` (RolledBack, Aborted, or Succeeded for a passed
   * shadow): a canary or green gets 0% (for a switched blue-green that is the switch back to blue, still warm);
   * a shadow is removed and the `shadow` alias cleared.
   */
  async rollBack(
    rollout: StoredRollout,
    state: RolloutState,
    reason: string,
    actor: string,
    events: RolloutEvent[] = [],
  ) {
    let done: string;
    let manifest;
    try {
      manifest = await this.endingManifest(
        rollout,
        `${state === 'Aborted' ? 'Abort' : 'Roll back'}: ${reason}`,
        actor,
      );
      if (rollout.pendingPromotionId) {
        await this.deps.aliases.withdraw(
          rollout.pendingPromotionId,
          actor,
          reason,
        );
      }
      done = await retireCandidate(
        this.deps,
        servingThrough(rollout, manifest),
      );
    } catch (error) {
      if (error instanceof TrafficWriteUnconfirmedError) {
        await this.pauseUnconfirmed(
          rollout,
          'abort',
          reason,
          error,
          actor,
          events,
        );
        return;
      }
      await this.transition(
        rollout,
        'Failed',
        `${reason}; and could not take the candidate out of serving: ${error}`,
        actor,
        events,
      );
      return;
    }
    const { git, note } = endingChange(manifest);
    await this.transition(
      rollout,
      state,
      `${reason}; ${done}${note ? `, ${note}` : ''}`,
      actor,
      events,
      git,
    );
  }

  /**
   * An ending the cluster did not confirm: the rollout pauses holding its claim, saying what it tried, so a person
   * repeats it (Promote, Abort) once the cluster answers. Neither done nor failed is reported.
   */
  private pauseUnconfirmed(
    rollout: StoredRollout,
    retry: 'promote' | 'abort',
    reason: string,
    error: TrafficWriteUnconfirmedError,
    actor: string,
    events: RolloutEvent[],
  ) {
    const tried =
      retry === 'promote' ? 'finishing' : 'taking the candidate out';
    return this.transition(
      rollout,
      'Paused',
      `${reason}; ${tried} is unconfirmed: ${
        error.message
      }. The rollout keeps its claim; ${
        retry === 'promote' ? 'Promote' : 'Abort'
      } again once the cluster answers`,
      actor,
      events,
    );
  }

  async transition(
    rollout: StoredRollout,
    to: RolloutState,
    reason: string,
    actor: string,
    events: RolloutEvent[] = [],
    git?: RolloutGitChange,
  ) {
    const saved = await this.save(
      rollout,
      { ...rollout, state: to, stateReason: reason },
      [
        ...events,
        this.event(
          'transition',
          rollout,
          { from: rollout.state, to, reason, ...(git ? { git } : {}) },
          actor,
        ),
      ],
    );
    if (saved) {
      this.deps.logger.info(
        `Rollout ${rollout.id} of ${rollout.entityRef}: ${rollout.state} → ${to} by ${actor} (${reason})`,
      );
    }
    return saved;
  }

  /** What a strategy's step (e.g. {@link judgeAbTest}) may do to a rollout, all through this engine. */
  private stepActions(): RolloutStepActions {
    return {
      now: () => this.now(),
      events: id => this.deps.store.events(id),
      measurement: (rollout, payload) =>
        this.event('measurement', rollout, payload),
      nextStep: (rollout, reason, events) =>
        this.progress(
          rollout,
          {
            stepIndex: rollout.stepIndex + 1,
            stepStartedAt: undefined,
            nextCheckAt: this.now(),
          },
          reason,
          events,
        ),
      requestApproval: (rollout, reason, info) =>
        requestPromotion(this.deps, rollout, reason, info),
      awaitApproval: (rollout, promotionId, reason, events) =>
        this.progress(
          rollout,
          { pendingPromotionId: promotionId, nextCheckAt: this.now() },
          reason,
          events,
        ),
      promotion: id => this.deps.aliases.record(id),
      finish: (rollout, reason, events) =>
        this.rollBack(rollout, 'Succeeded', reason, ENGINE_ACTOR, events),
      wait: (rollout, nextCheckAt, events) =>
        this.save(rollout, { ...rollout, nextCheckAt }, events),
      pause: (rollout, reason, events) =>
        this.transition(rollout, 'Paused', reason, ENGINE_ACTOR, events),
      complete: (rollout, reason, events, info) =>
        this.complete(rollout, ENGINE_ACTOR, reason, events, info),
      rollBack: (rollout, reason, events) =>
        this.rollBack(rollout, 'RolledBack', reason, ENGINE_ACTOR, events),
    };
  }

  /** Saves a change that keeps the rollout Progressing, noted as a transition event with `reason`. */
  private progress(
    rollout: StoredRollout,
    changes: Partial<StoredRollout>,
    reason: string,
    events: RolloutEvent[],
    weight?: number,
    git?: RolloutGitChange,
  ) {
    return this.save(rollout, { ...rollout, ...changes }, [
      ...events,
      this.event('transition', rollout, {
        from: 'Progressing',
        to: 'Progressing',
        reason,
        ...(weight === undefined ? {} : { weight }),
        ...(git ? { git } : {}),
      }),
    ]);
  }

  private async save(
    before: StoredRollout,
    after: StoredRollout,
    events: RolloutEvent[],
  ) {
    const updatedAt = new Date(
      Math.max(this.now(), Date.parse(before.updatedAt) + 1),
    ).toISOString();
    return this.deps.store.save(
      { ...after, updatedAt },
      { state: before.state, updatedAt: before.updatedAt },
      events,
    );
  }

  private event(
    type: 'transition' | 'measurement',
    rollout: StoredRollout,
    payload: object,
    actor = ENGINE_ACTOR,
  ): RolloutEvent {
    return {
      type,
      at: new Date(this.now()).toISOString(),
      actor,
      stepIndex: rollout.stepIndex,
      ...payload,
    } as RolloutEvent;
  }
}
