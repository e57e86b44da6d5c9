import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RolloutEvent,
  RolloutGitChange,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import { TrafficSplit } from '@mlops-portal/plugin-mlops-node';
import { ServingPlatforms } from '../../shared/ServingPlatforms';
import { claimOf } from '../candidateServing';
import { describeSplit, landedAs } from '../confirmTrafficWrite';
import { RolloutRecorder } from '../RolloutRecorder';
import { RolloutStore, StoredRollout } from '../RolloutStore';
import { describeDuration, GitOpsWrites, shortSha } from './GitOpsWrites';

/** An ended rollout with nothing (more) to follow is not looked at again. */
const SETTLED = Number.MAX_SAFE_INTEGER;
/**
 * How long after its ending a rollout is still looked at, beyond the sync timeout: a backend that was down when
 * the timeout passed still reports it once it is back.
 */
const LOOK_BACK_MS = 24 * 60 * 60_000;

/**
 * Follows the endings of rollouts in GitOps mode (promote, abort, roll back, failed analysis, a passed shadow).
 * An ending's Git change is a direct commit; the rollout takes its final state at once (so the Model's lock is
 * released and the UI shows the outcome as before) and its ending event records the commit as `awaiting-sync`:
 * committed, not yet live. This then watches the live object: once it shows the ending's weights, one more event
 * (from and to the final state) records the change `applied`; if it does not within `mlops.gitops.syncTimeout`,
 * that event says it was not applied, and the rollout's reason says so too. Nothing is reverted either way: Git
 * holds the ending, and the GitOps controller is what must catch up.
 */
export class GitOpsEndings {
  constructor(
    private readonly deps: {
      store: RolloutStore;
      platforms: ServingPlatforms;
      instanceId: string;
      gitOps: GitOpsWrites;
      /** The engine's conditional saves; the follow-up events are recorded as the engine. */
      records: RolloutRecorder;
      logger: LoggerService;
      now: () => number;
    },
  ) {}

  /** Looks at every ended rollout whose check is due; errors are logged per rollout, never thrown. */
  async follow(): Promise<void> {
    const now = this.deps.now();
    const ended = await this.deps.store.endedDue(
      now,
      now - this.deps.gitOps.options.syncTimeoutMs - LOOK_BACK_MS,
    );
    for (const rollout of ended) {
      try {
        await this.followOne(rollout);
      } catch (error) {
        this.deps.logger.error(
          `Rollout ${rollout.id}: could not follow its ending's Git change: ${error}`,
        );
      }
    }
  }

  private async followOne(rollout: StoredRollout) {
    const pending = pendingEndingChange(
      await this.deps.store.events(rollout.id),
    );
    if (!pending) {
      await this.save(rollout, { nextCheckAt: SETTLED }, []);
      return;
    }
    const { git, since } = pending;
    const now = this.deps.now();
    const { router } = this.deps.platforms.get(rollout.target.platform);
    const live = await router.readSplit(rollout.target).catch(error => {
      this.deps.logger.warn(
        `Rollout ${rollout.id}: could not read the live object to see its ending's Git change: ${error}`,
      );
      return undefined;
    });
    const what = endingOf(rollout, claimOf(this.deps, rollout));
    if (live && what.landed(live)) {
      await this.save(rollout, { nextCheckAt: SETTLED }, [
        this.followUp(
          rollout,
          `Git change ${shortSha(git.sha)} applied: ${what.shown}`,
          { ...git, status: 'applied' },
        ),
      ]);
      return;
    }
    const timeout = this.deps.gitOps.options.syncTimeoutMs;
    if (now - since < timeout) {
      await this.save(
        rollout,
        { nextCheckAt: now + this.deps.gitOps.options.pollMs },
        [],
      );
      return;
    }
    const notApplied = `Git change ${shortSha(
      git.sha,
    )} not applied after ${describeDuration(timeout)}`;
    this.deps.logger.warn(
      `Rollout ${rollout.id} of ${rollout.entityRef}: ${notApplied}`,
    );
    await this.save(
      rollout,
      {
        nextCheckAt: SETTLED,
        stateReason: `${
          rollout.stateReason ?? rollout.state
        }. ${notApplied}: check the GitOps controller`,
      },
      [
        this.followUp(
          rollout,
          `${notApplied}: the live object does not show that ${
            what.shown
          } yet (${
            live ? describeSplit(live) : 'it could not be read'
          }). Check the GitOps controller; nothing was reverted, Git holds the ending`,
          git,
        ),
      ],
    );
  }

  private save(
    rollout: StoredRollout,
    changes: Partial<StoredRollout>,
    events: RolloutEvent[],
  ) {
    return this.deps.records.save(rollout, { ...rollout, ...changes }, events);
  }

  /** The follow-up event: from and to the rollout's final state, with what became of its ending's Git change. */
  private followUp(
    rollout: StoredRollout,
    reason: string,
    git: RolloutGitChange,
  ): RolloutEvent {
    return this.deps.records.event('transition', rollout, {
      from: rollout.state,
      to: rollout.state,
      reason,
      git,
    });
  }
}

/** What an ending leaves on the live object (as its traffic write confirms it), and that in words. */
function endingOf(
  rollout: StoredRollout,
  claim: ReturnType<typeof claimOf>,
): { landed: (live: TrafficSplit) => boolean; shown: string } {
  const candidate = {
    version: rollout.candidateVersion,
    modelUri: rollout.target.modelUri,
  };
  if (rollout.strategy === 'shadow') {
    return {
      landed: landedAs.noShadow(claim),
      shown: `the shadow of v${rollout.candidateVersion} is removed`,
    };
  }
  if (rollout.state === 'Succeeded') {
    return {
      landed: landedAs.promoted(candidate, claim),
      shown: `v${rollout.candidateVersion} serves all traffic as stable`,
    };
  }
  return {
    landed: landedAs.canary(candidate, 0, claim, true),
    shown: `v${rollout.candidateVersion} has no traffic`,
  };
}

const ENDED: RolloutState[] = ['Succeeded', 'RolledBack', 'Aborted', 'Failed'];

/**
 * The ending's Git change still waiting to show on the live object, and since when: the Git change of the
 * transition into a final state, while no follow-up event (from and to that state) came after it.
 */
export function pendingEndingChange(
  events: RolloutEvent[],
): { git: RolloutGitChange; since: number } | undefined {
  let found: { git: RolloutGitChange; since: number } | undefined;
  for (const event of events) {
    if (event.type !== 'transition' || !ENDED.includes(event.to)) continue;
    if (event.from !== event.to) {
      found =
        event.git && event.git.status !== 'applied'
          ? { git: event.git, since: Date.parse(event.at) }
          : undefined;
    } else {
      found = undefined;
    }
  }
  return found;
}
