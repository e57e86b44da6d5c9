import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  mlopsModelPromotePermission,
  modelAliasFile,
  mlopsModelRollbackPermission,
  PromotionHistory,
  PromotionPlan,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { ModelRegistryClient } from '@mlops-portal/plugin-mlops-node';
import { randomUUID } from 'node:crypto';
import { authorizeOnEntity } from '../shared/authorizeOnEntity';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';
import { QualityGateFailedError } from '../shared/errors/QualityGateFailedError';
import { ModelRegistries } from '../shared/ModelRegistries';
import { ModelEntities, RegisteredModelEntity } from '../shared/ModelEntities';
import { AliasMover } from './AliasMover';
import { CandidateCheck } from './CandidateCheck';
import { PromotionStore } from './PromotionStore';
import { requireAliasFile } from './pullRequests/requireAliasFile';
import { AliasFilePullRequests } from './pullRequests/AliasFilePullRequests';

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
 * the registry itself does not keep. An alias is reported moved only after the registry confirmed it; the
 * move itself is the {@link AliasMover}'s.
 */
export class PromotionService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      registries: ModelRegistries;
      candidates: CandidateCheck;
      aliases: AliasMover;
      store: PromotionStore;
      pullRequests: AliasFilePullRequests;
      permissions: PermissionsService;
      logger: LoggerService;
    },
  ) {}

  async promote(
    entityRef: string,
    options: PromoteOptions,
    credentials: UserCredentials,
  ): Promise<PromotionRecord | PromotionPlan> {
    const { model, registry, registered, gates, gatesPassed } =
      await this.deps.candidates.check(
        entityRef,
        options.version,
        mlopsModelPromotePermission,
        credentials,
      );
    const current = registered.aliases[options.alias];
    this.expectCurrent(options.alias, current, options.expectedCurrentVersion);
    if (current === options.version) {
      throw new ConflictError(
        `Alias '${options.alias}' already points at version ${options.version}`,
      );
    }
    const needsApproval = model.protectedAliases.includes(options.alias);
    // A protected alias of a Model in pull-request mode moves through a pull request against its alias file.
    const aliasFile = needsApproval ? this.aliasFileOf(model) : undefined;
    if (aliasFile) {
      // Refused before anything is recorded: a path outside the repository, a host not in integrations.
      this.deps.pullRequests.repository(aliasFile);
    }

    if (options.dryRun) {
      return {
        alias: options.alias,
        fromVersion: current,
        toVersion: options.version,
        gates,
        gatesPassed,
        needsApproval,
        ...(aliasFile ? { viaPullRequest: true } : {}),
      };
    }

    const record = this.newRecord(model, registry, credentials, {
      action: 'promote',
      alias: options.alias,
      fromVersion: current,
      toVersion: options.version,
      reason: options.reason,
      gates,
    });
    if (!gatesPassed) {
      record.state = 'blocked';
      await this.deps.store.insert(record);
      throw new QualityGateFailedError(record.toVersion, gates, {
        promotion: record,
      });
    }
    if (aliasFile) {
      record.state = 'pending_pull_request';
      await this.deps.store.insertLocked(record);
      return this.deps.pullRequests.open(record, aliasFile, model.provider);
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
    return this.deps.aliases.execute(record, registry);
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
    const registry = this.deps.registries.client(model);
    const { title } = this.deps.registries.registry(model.provider);

    const last = (await this.deps.store.lastCompletedMoves(entityRef)).get(
      options.alias,
    );
    if (!last?.fromVersion) {
      throw new ConflictError(
        `The portal has no earlier version of alias '${options.alias}' of ${entityRef} to go back to`,
      );
    }
    const registered = await registry
      .getRegisteredModel(model.registeredModel)
      .catch(error => {
        throw upstreamErrorToServiceError(
          error,
          `Registered model '${model.registeredModel}' not found in ${title} instance '${registry.instanceName}'`,
        );
      });
    const current = registered.aliases[options.alias];
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
    const record = this.newRecord(model, registry, credentials, {
      action: 'rollback',
      alias: options.alias,
      fromVersion: current,
      toVersion: last.fromVersion,
      reason: options.reason,
      gates: [],
    });
    record.state = 'in_progress';
    await this.deps.store.insertLocked(record);
    const done = await this.deps.aliases.execute(record, registry);
    const aliasFile =
      model.entity.spec.registry?.changeVia === 'pull-request'
        ? modelAliasFile(model.entity)
        : undefined;
    if (aliasFile) {
      // CI applies the alias file: it must say the same, or its next run would undo the rollback.
      await this.deps.pullRequests
        .commitDirect(done, aliasFile, model.provider)
        .then(commit =>
          this.deps.logger.info(
            `Rollback ${done.id} of ${entityRef} ${done.alias} committed to the alias file: ${commit.url}`,
          ),
        )
        .catch(error =>
          this.deps.logger.warn(
            `Rolled back ${entityRef} ${done.alias} to v${done.toVersion} in the registry, but could not commit it to ${aliasFile.path} in ${aliasFile.repoUrl}; change the file by hand or CI may undo it: ${error}`,
          ),
        );
    }
    return done;
  }

  /**
   * An operator's way out of a move whose outcome stayed unknown (permission `mlops.model.rollback` on the Model):
   * the alias is read back now; a move that landed is recorded as completed, one that has not as failed, and the
   * alias's lock goes either way. 409 unless the move is `unknown`.
   */
  async release(
    id: string,
    reason: string,
    credentials: UserCredentials,
  ): Promise<PromotionRecord> {
    const record = await this.deps.store.get(id);
    if (!record) {
      throw new NotFoundError(`No promotion request ${id}`);
    }
    const model = await this.deps.models.getRegisteredModel(
      record.entityRef,
      credentials,
    );
    await authorizeOnEntity(
      this.deps.permissions,
      mlopsModelRollbackPermission,
      record.entityRef,
      credentials,
    );
    if (record.state !== 'unknown') {
      throw new ConflictError(
        `Request ${id} is ${record.state}; only a move whose outcome is unknown can be released`,
      );
    }
    return this.deps.aliases.settle(
      record,
      this.deps.registries.client({
        provider: model.provider,
        instance: record.instance,
      }),
      {
        settled: true,
        operator: credentials.principal.userEntityRef,
        reason,
      },
    );
  }

  async history(
    entityRef: string,
    options: { alias?: string; at?: Date },
    credentials: BackstageCredentials,
  ): Promise<PromotionHistory> {
    // Reading the entity applies the caller's catalog read permission to its history too.
    await this.deps.models.getRegisteredModel(entityRef, credentials);
    // Pull requests merged or closed since the scheduled check last looked show at once.
    await this.deps.pullRequests.check({ entityRef, minIntervalMs: 5_000 });
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

  /** The alias file of a Model in pull-request mode; a Model that names no repository for it is refused. */
  private aliasFileOf(model: RegisteredModelEntity) {
    if (model.entity.spec.registry?.changeVia !== 'pull-request') {
      return undefined;
    }
    return requireAliasFile(model.entityRef, modelAliasFile(model.entity));
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
    registry: ModelRegistryClient,
    credentials: UserCredentials,
    fields: Pick<
      PromotionRecord,
      'action' | 'alias' | 'fromVersion' | 'toVersion' | 'reason' | 'gates'
    >,
  ): PromotionRecord {
    return {
      id: randomUUID(),
      entityRef: model.entityRef,
      instance: registry.instanceName,
      registeredModel: model.registeredModel,
      state: 'in_progress',
      requestedBy: credentials.principal.userEntityRef,
      requestedAt: new Date().toISOString(),
      ...fields,
    };
  }
}
