import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CHAMPION_ALIAS,
  mlopsModelPromotePermission,
  mlopsModelRollbackPermission,
  PromotionHistory,
  PromotionPlan,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { randomUUID } from 'node:crypto';
import { MlflowClient } from '../shared/mlflow/MlflowClient';
import { MlflowClients } from '../shared/mlflow/MlflowClients';
import { PromotionStore } from './PromotionStore';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { QualityGateFailedError } from '../shared/errors/QualityGateFailedError';
import { ModelEntities, RegisteredModelEntity } from '../shared/ModelEntities';
import { RunMetricsCache } from './RunMetricsCache';
import { gatesForVersion } from './gates/gatesForVersion';
import { authorizeOnEntity } from '../shared/authorizeOnEntity';
import { executeAliasMove } from './executeAliasMove';

/** A request to point an alias at a version. */
export type PromoteOptions = {
  alias: string;
  version: string;
  reason: string;
  /** Where the caller saw the alias point (null: unset). A different current version is a 409. */
  expectedCurrentVersion?: string | null;
  /** Check and report, record and move nothing. */
  dryRun?: boolean;
};

export type RollbackOptions = {
  alias: string;
  reason: string;
};

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Governs alias moves of a Model's registered model: permission checks, quality gates, requests for protected
 * aliases (decided in {@link ApprovalService}), one open request per alias, and an append-only history that
 * MLflow itself does not keep. An alias is reported moved only after MLflow confirmed it.
 */
export class PromotionService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      clients: MlflowClients;
      store: PromotionStore;
      runMetrics: RunMetricsCache;
      permissions: PermissionsService;
      logger: LoggerService;
      onAliasMoved?: (record: PromotionRecord) => Promise<void>;
    },
  ) {}

  async promote(
    entityRef: string,
    options: PromoteOptions,
    credentials: UserCredentials,
  ): Promise<PromotionRecord | PromotionPlan> {
    const model = await this.deps.models.getRegisteredModel(
      entityRef,
      credentials,
    );
    await authorizeOnEntity(
      this.deps.permissions,
      mlopsModelPromotePermission,
      entityRef,
      credentials,
    );
    const client = this.deps.clients.get(model.instance);

    const [candidate, registered] = await this.mlflow(
      () =>
        Promise.all([
          client.getModelVersion(model.registeredModel, options.version),
          client.getRegisteredModel(model.registeredModel),
        ]),
      `Version ${options.version} of registered model '${model.registeredModel}' not found in MLflow instance '${client.instanceName}'`,
    );
    const aliases = new Map(
      (registered.aliases ?? []).map(a => [a.alias, a.version]),
    );
    const current = aliases.get(options.alias);
    this.expectCurrent(options.alias, current, options.expectedCurrentVersion);
    if (current === options.version) {
      throw new ConflictError(
        `Alias '${options.alias}' already points at version ${options.version}`,
      );
    }

    const championVersion = aliases.get(CHAMPION_ALIAS);
    const gates = await this.mlflow(() =>
      gatesForVersion({
        client,
        runMetrics: this.deps.runMetrics,
        registeredModel: model.registeredModel,
        gates: model.entity.spec.qualityGates ?? [],
        candidate,
        championVersion,
      }),
    );
    const needsApproval = model.protectedAliases.includes(options.alias);

    if (options.dryRun) {
      return {
        alias: options.alias,
        fromVersion: current,
        toVersion: options.version,
        gates,
        gatesPassed: gates.every(g => g.passed),
        needsApproval,
      };
    }

    const record = this.newRecord(model, client, credentials, {
      action: 'promote',
      alias: options.alias,
      fromVersion: current,
      toVersion: options.version,
      reason: options.reason,
      gates,
    });
    if (!gates.every(g => g.passed)) {
      record.state = 'blocked';
      await this.deps.store.insert(record);
      throw new QualityGateFailedError(record);
    }
    if (needsApproval) {
      record.state = 'pending_approval';
      await this.deps.store.insertLocked(record);
      this.deps.logger.info(
        `${record.requestedBy} requested ${entityRef} ${options.alias} → ${options.version}; awaiting approval (${record.id})`,
      );
      return record;
    }
    record.state = 'in_progress';
    await this.deps.store.insertLocked(record);
    return executeAliasMove(this.deps, record, client);
  }

  async rollback(
    entityRef: string,
    options: RollbackOptions,
    credentials: UserCredentials,
  ): Promise<PromotionRecord> {
    const model = await this.deps.models.getRegisteredModel(
      entityRef,
      credentials,
    );
    await authorizeOnEntity(
      this.deps.permissions,
      mlopsModelRollbackPermission,
      entityRef,
      credentials,
    );
    const client = this.deps.clients.get(model.instance);

    const last = (await this.deps.store.lastCompletedMoves(entityRef)).get(
      options.alias,
    );
    if (!last?.fromVersion) {
      throw new ConflictError(
        `The portal has no earlier version of alias '${options.alias}' of ${entityRef} to go back to`,
      );
    }
    const registered = await this.mlflow(
      () => client.getRegisteredModel(model.registeredModel),
      `Registered model '${model.registeredModel}' not found in MLflow instance '${client.instanceName}'`,
    );
    const current = registered.aliases?.find(
      a => a.alias === options.alias,
    )?.version;
    if (current !== last.toVersion) {
      throw new ConflictError(
        `Alias '${options.alias}' points at version ${
          current ?? '(none)'
        }, not ${
          last.toVersion
        } as after its last recorded move; a rollback would not undo that move`,
      );
    }
    // Rollback is the emergency path back to a version that was already live: no gates, no approval.
    const record = this.newRecord(model, client, credentials, {
      action: 'rollback',
      alias: options.alias,
      fromVersion: current,
      toVersion: last.fromVersion,
      reason: options.reason,
      gates: [],
    });
    record.state = 'in_progress';
    await this.deps.store.insertLocked(record);
    return executeAliasMove(this.deps, record, client);
  }

  /**
   * Moves an alias at the end of a successful rollout, recorded in the history like any promotion. The
   * rollout's start checked the permission and the quality gates, and its analysis (or A/B verdict) is the
   * approval.
   */
  async moveAliasForRollout(options: {
    entityRef: string;
    instance?: string;
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
  }): Promise<PromotionRecord> {
    const client = this.deps.clients.get(options.instance);
    const registered = await this.mlflow(() =>
      client.getRegisteredModel(options.registeredModel),
    );
    const record: PromotionRecord = {
      id: randomUUID(),
      entityRef: options.entityRef,
      instance: client.instanceName,
      registeredModel: options.registeredModel,
      action: 'promote',
      alias: options.alias,
      fromVersion: registered.aliases?.find(a => a.alias === options.alias)
        ?.version,
      toVersion: options.toVersion,
      reason: options.reason,
      state: 'in_progress',
      requestedBy: options.actor,
      requestedAt: new Date().toISOString(),
      gates: [],
    };
    if (record.fromVersion === record.toVersion) {
      return { ...record, state: 'completed', completedAt: record.requestedAt };
    }
    if (options.needsApproval) {
      record.state = 'pending_approval';
      await this.deps.store.insertLocked(record);
      return record;
    }
    await this.deps.store.insertLocked(record);
    return executeAliasMove(this.deps, record, client);
  }

  /** One promotion request, as the history holds it. */
  getRecord(id: string): Promise<PromotionRecord | undefined> {
    return this.deps.store.get(id);
  }

  /**
   * Withdraws a request a rollout left pending when the rollout ends otherwise (aborted, rolled back): recorded
   * as rejected by whoever ended the rollout, which frees the alias. A request decided meanwhile is left alone.
   */
  async withdrawForRollout(id: string, actor: string, reason: string) {
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
  async clearAliasForRollout(options: {
    instance?: string;
    registeredModel: string;
    alias: string;
    version: string;
  }): Promise<void> {
    const client = this.deps.clients.get(options.instance);
    const registered = await this.mlflow(() =>
      client.getRegisteredModel(options.registeredModel),
    );
    const current = registered.aliases?.find(a => a.alias === options.alias);
    if (current?.version === options.version) {
      await this.mlflow(() =>
        client.deleteAlias(options.registeredModel, options.alias),
      );
    }
  }

  async history(
    entityRef: string,
    options: { alias?: string; at?: Date },
    credentials: BackstageCredentials,
  ): Promise<PromotionHistory> {
    // Reading the entity applies the caller's catalog read permission to its history too.
    await this.deps.models.getRegisteredModel(entityRef, credentials);
    const items = await this.deps.store.list(entityRef, {
      alias: options.alias,
    });
    if (!options.at) {
      return { items };
    }
    const moves = await this.deps.store.lastCompletedMoves(
      entityRef,
      options.at,
    );
    return {
      items,
      at: options.at.toISOString(),
      aliasesAt: Object.fromEntries(
        [...moves].map(([alias, move]) => [alias, move.toVersion]),
      ),
    };
  }

  private expectCurrent(
    alias: string,
    current?: string,
    expected?: string | null,
  ) {
    if (expected === undefined) {
      return;
    }
    if ((expected ?? undefined) !== current) {
      throw new ConflictError(
        `Alias '${alias}' points at version ${current ?? '(none)'}, not ${
          expected ?? '(none)'
        } as expected; it moved since you looked`,
      );
    }
  }

  private newRecord(
    model: RegisteredModelEntity,
    client: MlflowClient,
    credentials: UserCredentials,
    fields: Pick<
      PromotionRecord,
      'action' | 'alias' | 'fromVersion' | 'toVersion' | 'reason' | 'gates'
    >,
  ): PromotionRecord {
    return {
      id: randomUUID(),
      entityRef: model.entityRef,
      instance: client.instanceName,
      registeredModel: model.registeredModel,
      state: 'in_progress',
      requestedBy: credentials.principal.userEntityRef,
      requestedAt: new Date().toISOString(),
      ...fields,
    };
  }

  private async mlflow<T>(
    call: () => Promise<T>,
    notFoundMessage?: string,
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw upstreamErrorToServiceError(error, notFoundMessage);
    }
  }
}
