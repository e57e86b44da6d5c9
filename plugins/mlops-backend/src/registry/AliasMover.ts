import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import {
  ModelRegistryClient,
  UpstreamApiError,
} from '@mlops-portal/plugin-mlops-node';
import { randomUUID } from 'node:crypto';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { PromotionStore } from './PromotionStore';

/** A rollout's move of an alias, on behalf of whoever started the rollout. */
export type RolloutAliasMove = {
  entityRef: string;
  registry: ModelRegistryClient;
  registeredModel: string;
  alias: string;
  toVersion: string;
  actor: string;
  reason: string;
  /**
   * Leave the move pending for a second person's approval instead of making it (a protected alias whose move a
   * rollout only recommends, e.g. an A/B test's "promote"); the record comes back `pending_approval`.
   */
  needsApproval?: boolean;
  /**
   * Make the move a pull request instead (a protected alias of a Model whose registry policy is
   * `changeVia: pull-request`): the record is stored `pending_pull_request`, holding the alias's lock, and handed
   * to this to open the pull request (see `AliasFilePullRequests.open`); the registry is not written.
   */
  viaPullRequest?: (record: PromotionRecord) => Promise<PromotionRecord>;
};

/**
 * The one place aliases move, for promotions, approvals and rollouts alike: the guarded move (re-read before,
 * read back after a failure), its record in the history, and the withdrawal of a request nobody will decide.
 * Outcomes that are not known are not guessed: a move the registry never answered is `unknown`, keeps the
 * alias's lock, and is settled by reading the alias back ({@link AliasMover.settle}).
 */
export class AliasMover {
  constructor(
    private readonly deps: {
      store: PromotionStore;
      logger: LoggerService;
      /** Told of every completed move; its failures are logged, never undo or fail the move. */
      onAliasMoved?: (record: PromotionRecord) => Promise<void>;
    },
  ) {}

  /**
   * Moves the alias in the registry for a request that holds its lock, then records the outcome. When the
   * registry fails, the alias is read back: a move that happened despite the error is recorded as done, anything
   * else as failed. A completed move is then passed to `onAliasMoved`.
   */
  async execute(
    record: PromotionRecord,
    registry: ModelRegistryClient,
  ): Promise<PromotionRecord> {
    const { store, logger } = this.deps;
    const finish = async (update: Partial<PromotionRecord>) => {
      await store.transition(record.id, 'in_progress', update);
      return { ...record, ...update } as PromotionRecord;
    };
    try {
      const current = (
        await registry.getRegisteredModel(record.registeredModel)
      ).aliases[record.alias];
      if (current !== record.fromVersion) {
        await finish({
          state: 'failed',
          error: `alias moved outside the portal to ${current ?? '(none)'}`,
        });
        throw new ConflictError(
          `Alias '${record.alias}' now points at version ${
            current ?? '(none)'
          }, not ${
            record.fromVersion ?? '(none)'
          } as when requested; request again`,
        );
      }
      await registry.setAlias(
        record.registeredModel,
        record.alias,
        record.toVersion,
      );
    } catch (error) {
      if (error instanceof ConflictError) {
        throw error;
      }
      const landed = await registry
        .getRegisteredModel(record.registeredModel)
        .then(m => m.aliases[record.alias] === record.toVersion)
        .catch(() => false);
      if (!landed) {
        // No answer at all: the registry may yet apply the move it was sent, so its outcome is not known; the
        // alias stays locked until reconciliation (or an operator) settles it. An answer is a known failure.
        if (error instanceof UpstreamApiError && error.status === undefined) {
          await finish({
            state: 'unknown',
            error: `${
              (error as Error).message
            }; the registry never confirmed the move`,
          });
          throw new ServiceUnavailableError(
            `The registry did not confirm moving alias '${
              record.alias
            }' to version ${record.toVersion} (${
              (error as Error).message
            }); the move is recorded as unknown, the alias stays locked, and the portal checks again`,
          );
        }
        await finish({ state: 'failed', error: (error as Error).message });
        throw upstreamErrorToServiceError(error);
      }
    }
    const done = await finish({
      state: 'completed',
      completedAt: new Date().toISOString(),
    });
    logger.info(
      `${done.requestedBy} ${done.action}d ${done.entityRef} ${done.alias}: ${
        done.fromVersion ?? '(none)'
      } → ${done.toVersion} (${done.id})`,
    );
    if (this.deps.onAliasMoved) {
      await this.deps
        .onAliasMoved(done)
        .catch(error =>
          logger.warn(
            `After moving ${done.alias} of ${done.entityRef}: ${error}`,
          ),
        );
    }
    return done;
  }

  /**
   * Moves an alias for a rollout (its end, or a shadow's own alias), recorded in the history like any
   * promotion. The rollout's start checked the permission and the quality gates, and its analysis (or A/B
   * verdict) is the approval, unless `needsApproval` leaves it pending.
   */
  async moveForRollout(move: RolloutAliasMove): Promise<PromotionRecord> {
    const registered = await this.upstream(() =>
      move.registry.getRegisteredModel(move.registeredModel),
    );
    const record: PromotionRecord = {
      id: randomUUID(),
      entityRef: move.entityRef,
      instance: move.registry.instanceName,
      registeredModel: move.registeredModel,
      action: 'promote',
      alias: move.alias,
      fromVersion: registered.aliases[move.alias],
      toVersion: move.toVersion,
      reason: move.reason,
      state: 'in_progress',
      requestedBy: move.actor,
      requestedAt: new Date().toISOString(),
      gates: [],
    };
    if (record.fromVersion === record.toVersion) {
      return { ...record, state: 'completed', completedAt: record.requestedAt };
    }
    if (move.viaPullRequest) {
      record.state = 'pending_pull_request';
      await this.deps.store.insertLocked(record);
      return move.viaPullRequest(record);
    }
    if (move.needsApproval) {
      record.state = 'pending_approval';
      await this.deps.store.insertLocked(record);
      return record;
    }
    await this.deps.store.insertLocked(record);
    return this.execute(record, move.registry);
  }

  /**
   * Withdraws a request a rollout left pending when the rollout ends otherwise (aborted, rolled back): recorded
   * as rejected by whoever ended the rollout, which frees the alias. A request decided meanwhile is left alone.
   */
  async withdraw(id: string, actor: string, reason: string): Promise<void> {
    await this.deps.store.transition(id, 'pending_approval', {
      state: 'rejected',
      decidedBy: actor,
      decisionComment: `withdrawn with its rollout: ${reason}`,
      decidedAt: new Date().toISOString(),
    });
  }

  /**
   * Removes `alias` when it still names `version` (a rollout's own alias, e.g. `shadow`, at its end); an alias
   * someone has moved since is left alone.
   */
  async clearIfStill(options: {
    registry: ModelRegistryClient;
    registeredModel: string;
    alias: string;
    version: string;
  }): Promise<void> {
    const { registry, registeredModel, alias, version } = options;
    const registered = await this.upstream(() =>
      registry.getRegisteredModel(registeredModel),
    );
    if (registered.aliases[alias] === version) {
      await this.upstream(() => registry.deleteAlias(registeredModel, alias));
    }
  }

  /**
   * Settles a move recorded as `unknown` by reading the alias back: where it points at the move's version the
   * move is recorded as completed; where it does not and `settled` says the registry can no longer apply it, as
   * failed; otherwise it stays unknown. Either way the time the outcome was learned is kept. `operator` names
   * who forced it (an operator's release settles a move that has not landed as failed at once).
   */
  async settle(
    record: PromotionRecord,
    registry: ModelRegistryClient,
    options: { settled: boolean; operator?: string; reason?: string },
  ): Promise<PromotionRecord> {
    const current = (
      await this.upstream(() =>
        registry.getRegisteredModel(record.registeredModel),
      )
    ).aliases[record.alias];
    const learnedAt = new Date().toISOString();
    const by = options.operator
      ? `released by ${options.operator} (${options.reason})`
      : 'reconciliation';
    let update: Partial<PromotionRecord>;
    if (current === record.toVersion) {
      update = {
        state: 'completed',
        completedAt: learnedAt,
        outcomeLearnedAt: learnedAt,
        error: `landed after the registry failed to confirm it; learned by ${by}`,
      };
    } else if (options.settled || options.operator) {
      update = {
        state: 'failed',
        outcomeLearnedAt: learnedAt,
        error: `the registry never applied it: alias '${
          record.alias
        }' points at ${current ?? '(none)'}; learned by ${by}`,
      };
    } else {
      return record;
    }
    if (!(await this.deps.store.transition(record.id, 'unknown', update))) {
      return (await this.deps.store.get(record.id)) ?? record;
    }
    const done = { ...record, ...update } as PromotionRecord;
    this.deps.logger.info(
      `Move ${done.id} of ${done.entityRef} ${done.alias} → ${done.toVersion} settled as ${done.state} (${by})`,
    );
    if (done.state === 'completed' && this.deps.onAliasMoved) {
      await this.deps
        .onAliasMoved(done)
        .catch(error =>
          this.deps.logger.warn(
            `After moving ${done.alias} of ${done.entityRef}: ${error}`,
          ),
        );
    }
    return done;
  }

  /** One promotion request, as the history holds it. */
  record(id: string): Promise<PromotionRecord | undefined> {
    return this.deps.store.get(id);
  }

  private async upstream<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw upstreamErrorToServiceError(error);
    }
  }
}
