import { LoggerService } from '@backstage/backend-plugin-api';
import { RolloutEvent, RolloutState } from '@mlops-portal/plugin-mlops-common';
import {
  forEachConcurrently,
  TrafficWriteUnconfirmedError,
} from '@mlops-portal/plugin-mlops-node';
import { AliasMover } from '../registry/AliasMover';
import { AliasFilePullRequests } from '../registry/pullRequests/AliasFilePullRequests';
import { ServingPlatforms } from '../shared/ServingPlatforms';
import {
  promoteCandidate,
  pullRequestOf,
  requestPromotion,
  retireCandidate,
} from './candidateServing';
import { followStepGitChange } from './gitops/followStepGitChange';
import { GitOpsEndings } from './gitops/GitOpsEndings';
import {
  endingChange,
  GitOpsWrites,
  pendingGitChange,
  servingThrough,
} from './gitops/GitOpsWrites';
import { endingManifest } from './gitops/rolloutManifest';
import { judgeStep } from './judgeStep';
import { RolloutModelInfo } from './rolloutModelInfo';
import { ENGINE_ACTOR, RolloutRecorder } from './RolloutRecorder';
import { RolloutStepActions } from './rolloutStepActions';
import { RolloutStore, StoredRollout } from './RolloutStore';
import { startStep } from './startStep';

export type { RolloutModelInfo } from './rolloutModelInfo';
export { ENGINE_ACTOR } from './RolloutRecorder';

/**
 * Drives rollouts through their steps. Every `tick` advances each due Progressing rollout by at most one
 * action: set up the step (a canary weight, a shadow, green beside blue; `startStep`), take the measurements that
 * are due, or decide (next step, promote, roll back, pause; `judgeStep`). The strategies differ only in their
 * steps' set-up (`candidateServing`) and verdict (`canaryStep`, `abTestStep`, `shadowStep`, `blueGreenStep`); a
 * blue-green is two steps, green at 0% until ready and green at 100% for the warm period, so its "switch back" is
 * the canary's roll back. In GitOps mode a step waits for its Git change to show on the live object
 * (`followStepGitChange`) and an ending is followed until it does (`GitOpsEndings`). All state lives in the store,
 * so a restarted backend resumes at the stored step, and every save is conditional on the state read
 * (`RolloutRecorder`), so a concurrent engine or a person's action wins cleanly instead of both.
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
      /**
       * Models whose registry policy is `changeVia: pull-request`: the end of a rollout of a protected alias
       * opens the alias file's pull request instead of moving the alias (see {@link promoteCandidate}).
       */
      pullRequests?: AliasFilePullRequests;
    },
  ) {
    this.records = new RolloutRecorder({ ...deps, now: () => this.now() });
    this.endings =
      deps.gitOps &&
      new GitOpsEndings({
        ...deps,
        gitOps: deps.gitOps,
        records: this.records,
        now: () => this.now(),
      });
  }

  private readonly records: RolloutRecorder;

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
    const info = await this.deps.modelInfo(rollout);
    const steps = {
      ...this.deps,
      records: this.records,
      now: () => this.now(),
    };

    if (!rollout.stepStartedAt) {
      const { gitOps } = this.deps;
      if (gitOps && info.gitops) {
        const pending = pendingGitChange(
          await this.deps.store.events(rollout.id),
          rollout.stepIndex,
        );
        if (pending) {
          await followStepGitChange(
            { ...steps, gitOps },
            rollout,
            step,
            info,
            pending,
          );
          return;
        }
      }
      await startStep(steps, rollout, step, info);
      return;
    }
    await judgeStep(this.stepActions(), {
      rollout,
      stepStart: Date.parse(rollout.stepStartedAt),
      platform,
      info,
    });
  }

  /**
   * Gives the candidate all traffic and moves the alias; the rollout Succeeds only if both happen. In
   * pull-request mode (a protected alias, `changeVia: pull-request`) "moves" means its pull request is open: the
   * rollout Succeeds saying the move waits for it, and the promotion settles when it is merged or closed.
   */
  async complete(
    rollout: StoredRollout,
    actor: string,
    reason: string,
    events: RolloutEvent[] = [],
    info?: RolloutModelInfo,
  ): Promise<void> {
    let manifest;
    let promotion;
    try {
      const model = info ?? (await this.deps.modelInfo(rollout));
      // A Model whose alias move cannot be made is refused before its ending's Git change or traffic write.
      pullRequestOf(this.deps, rollout, model);
      manifest = await endingManifest(
        this.deps,
        rollout,
        { what: `Promote v${rollout.candidateVersion}: ${reason}`, actor },
        model,
      );
      promotion = await promoteCandidate(
        this.deps,
        servingThrough(rollout, manifest),
        reason,
        model,
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
    const pull =
      promotion.state === 'pending_pull_request' && promotion.pullRequest;
    const notes = [
      reason,
      note,
      pull
        ? `alias '${promotion.alias}' moves to v${promotion.toVersion} once pull request #${pull.number} is merged (${pull.url}; promotion ${promotion.id})`
        : '',
    ].filter(Boolean);
    await this.transition(
      rollout,
      'Succeeded',
      notes.join('; '),
      actor,
      events,
      git,
    );
  }

  /**
   * Takes the candidate out of serving, then records `state` (RolledBack, Aborted, or Succeeded for a passed
   * shadow): a canary or green gets 0% (for a switched blue-green that is the switch back to blue, still warm);
   * a shadow is removed and the `shadow` alias cleared. A promotion the rollout left waiting for a second
   * person's approval is withdrawn; one waiting for its pull request (pull-request mode) is not: the portal does
   * not close pull requests, so it stays pending, the reason asks for the pull request to be closed, and the
   * scheduled check records whatever the reviewer does with it.
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
    let stillOpen = '';
    try {
      const what = `${state === 'Aborted' ? 'Abort' : 'Roll back'}: ${reason}`;
      manifest = await endingManifest(this.deps, rollout, { what, actor });
      if (rollout.pendingPromotionId) {
        await this.deps.aliases.withdraw(
          rollout.pendingPromotionId,
          actor,
          reason,
        );
        const left = await this.deps.aliases.record(rollout.pendingPromotionId);
        if (left?.state === 'pending_pull_request' && left.pullRequest) {
          stillOpen = `; pull request #${left.pullRequest.number} (${left.pullRequest.url}) of promotion ${left.id} is still open: close it, or merging it moves '${left.alias}' to v${left.toVersion}`;
        }
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
        `${reason}${stillOpen}; and could not take the candidate out of serving: ${error}`,
        actor,
        events,
      );
      return;
    }
    const { git, note } = endingChange(manifest);
    await this.transition(
      rollout,
      state,
      `${reason}${stillOpen}; ${done}${note ? `, ${note}` : ''}`,
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

  /** Moves the rollout to state `to` (see {@link RolloutRecorder.transition}). */
  transition(...args: Parameters<RolloutRecorder['transition']>) {
    return this.records.transition(...args);
  }

  /** What a strategy's step (e.g. {@link judgeAbTest}) may do to a rollout, all through this engine. */
  private stepActions(): RolloutStepActions {
    return {
      now: () => this.now(),
      events: id => this.deps.store.events(id),
      measurement: (rollout, payload) =>
        this.records.event('measurement', rollout, payload),
      nextStep: (rollout, reason, events) =>
        this.records.progress(
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
        this.records.progress(
          rollout,
          { pendingPromotionId: promotionId, nextCheckAt: this.now() },
          reason,
          events,
        ),
      promotion: id => this.deps.aliases.record(id),
      finish: (rollout, reason, events) =>
        this.rollBack(rollout, 'Succeeded', reason, ENGINE_ACTOR, events),
      wait: (rollout, nextCheckAt, events) =>
        this.records.save(rollout, { ...rollout, nextCheckAt }, events),
      pause: (rollout, reason, events) =>
        this.transition(rollout, 'Paused', reason, ENGINE_ACTOR, events),
      complete: (rollout, reason, events, info) =>
        this.complete(rollout, ENGINE_ACTOR, reason, events, info),
      rollBack: (rollout, reason, events) =>
        this.rollBack(rollout, 'RolledBack', reason, ENGINE_ACTOR, events),
    };
  }
}
