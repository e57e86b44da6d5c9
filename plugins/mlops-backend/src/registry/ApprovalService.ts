import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  mlopsModelApprovePermission,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { authorizeOnEntity } from '../shared/authorizeOnEntity';
import { ModelRegistries } from '../shared/ModelRegistries';
import { ModelEntities } from '../shared/ModelEntities';
import { AliasMover } from './AliasMover';
import { PromotionStore } from './PromotionStore';

export type DecisionOptions = {
  comment: string;
};

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Decides requests to move a protected alias (champion by default) that {@link PromotionService} left pending:
 * permission `mlops.model.approve` on the Model, never by the requester, exactly one decision per request (a
 * conditional update: the second decider gets 409). An approval moves the alias; the history records who decided
 * and why.
 */
export class ApprovalService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      registries: ModelRegistries;
      aliases: AliasMover;
      store: PromotionStore;
      permissions: PermissionsService;
    },
  ) {}

  async approve(
    promotionId: string,
    options: DecisionOptions,
    credentials: UserCredentials,
  ): Promise<PromotionRecord> {
    const { pending, registry } = await this.pendingForDecision(
      promotionId,
      credentials,
    );
    const decided = {
      decidedBy: credentials.principal.userEntityRef,
      decisionComment: options.comment,
      decidedAt: new Date().toISOString(),
    };
    if (
      !(await this.deps.store.transition(promotionId, 'pending_approval', {
        state: 'in_progress',
        ...decided,
      }))
    ) {
      throw new ConflictError(
        `Request ${promotionId} was decided by someone else meanwhile`,
      );
    }
    return this.deps.aliases.execute(
      { ...pending, ...decided, state: 'in_progress' },
      registry,
    );
  }

  async reject(
    promotionId: string,
    options: DecisionOptions,
    credentials: UserCredentials,
  ): Promise<PromotionRecord> {
    await this.pendingForDecision(promotionId, credentials);
    if (
      !(await this.deps.store.transition(promotionId, 'pending_approval', {
        state: 'rejected',
        decidedBy: credentials.principal.userEntityRef,
        decisionComment: options.comment,
        decidedAt: new Date().toISOString(),
      }))
    ) {
      throw new ConflictError(
        `Request ${promotionId} was decided by someone else meanwhile`,
      );
    }
    return (await this.deps.store.get(promotionId))!;
  }

  private async pendingForDecision(
    promotionId: string,
    credentials: UserCredentials,
  ) {
    const pending = await this.deps.store.get(promotionId);
    if (!pending) {
      throw new NotFoundError(`No promotion request ${promotionId}`);
    }
    const model = await this.deps.models.getRegisteredModel(
      pending.entityRef,
      credentials,
    );
    await authorizeOnEntity(
      this.deps.permissions,
      mlopsModelApprovePermission,
      pending.entityRef,
      credentials,
    );
    if (pending.state !== 'pending_approval') {
      throw new ConflictError(
        `Request ${promotionId} is ${pending.state}, not pending approval`,
      );
    }
    if (pending.requestedBy === credentials.principal.userEntityRef) {
      throw new NotAllowedError(
        'A request must be approved or rejected by someone other than its requester',
      );
    }
    // The move goes to the registry instance the request was recorded against.
    const registry = this.deps.registries.client({
      provider: model.provider,
      instance: pending.instance,
    });
    return { pending, registry };
  }
}
