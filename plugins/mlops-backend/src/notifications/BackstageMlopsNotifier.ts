import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { entityPageLink } from './entityPageLink';
import {
  EntityNotificationRecipients,
  NotificationPayload,
  NotificationsBackendClient,
  NotificationSeverity,
} from './NotificationsBackendClient';
import {
  FeatureViewStaleNotice,
  MlopsNotifier,
  OutsideAliasMoveNotice,
  RetrainingNotice,
  RolloutStateNotice,
} from './MlopsNotifier';

const rolloutSeverity: Record<
  RolloutStateNotice['state'],
  NotificationSeverity
> = {
  Succeeded: 'low',
  Paused: 'normal',
  RolledBack: 'high',
  Failed: 'critical',
};

const rolloutTitle: Record<RolloutStateNotice['state'], string> = {
  Succeeded: 'succeeded',
  Paused: 'paused',
  RolledBack: 'rolled back',
  Failed: 'failed',
};

/**
 * The {@link MlopsNotifier} that sends to Backstage's notifications backend (`NotificationsBackendClient`). Recipients are entity
 * references (users or groups; the notifications backend expands a group to its members): an entity's owners
 * are its `spec.owner`, read from the catalog with the plugin's own credentials, since nobody's request is
 * behind a rollout's or a schedule's event.
 */
export class BackstageMlopsNotifier implements MlopsNotifier {
  constructor(
    private readonly deps: {
      notifications: Pick<NotificationsBackendClient, 'send'>;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async approvalRequested(promotion: PromotionRecord): Promise<void> {
    const entity = await this.entity(promotion.entityRef);
    const approvers = entity?.spec?.registry as
      | { approvers?: string }
      | undefined;
    const to = approvers?.approvers
      ? [this.normalize(approvers.approvers, entity!)]
      : this.owners(entity);
    await this.send(
      {
        type: 'entity',
        entityRef: to,
        excludeEntityRef: promotion.requestedBy,
      },
      {
        title: `${displayName(promotion.entityRef)}: ${promotion.alias} → v${
          promotion.toVersion
        } waits for your approval`,
        description: `${await this.personName(promotion.requestedBy)} asks to ${
          promotion.action === 'rollback' ? 'roll back' : 'move'
        } ${promotion.alias} from ${
          promotion.fromVersion ? `v${promotion.fromVersion}` : 'nothing'
        } to v${promotion.toVersion}: ${promotion.reason}`,
        link: `${entityPageLink(
          promotion.entityRef,
          'registry',
        )}?promotion=${encodeURIComponent(promotion.id)}`,
        severity: 'high',
        topic: promotion.entityRef,
        scope: `mlops:promotion:${promotion.id}`,
        metadata: { entityRef: promotion.entityRef, promotionId: promotion.id },
      },
    );
  }

  async approvalDecided(promotion: PromotionRecord): Promise<void> {
    const rejected = promotion.state === 'rejected';
    await this.send(
      { type: 'entity', entityRef: promotion.requestedBy },
      {
        title: `${displayName(promotion.entityRef)}: your request ${
          promotion.alias
        } → v${promotion.toVersion} was ${rejected ? 'rejected' : 'approved'}`,
        description: `${
          promotion.decidedBy
            ? await this.personName(promotion.decidedBy)
            : 'Someone'
        } ${rejected ? 'rejected' : 'approved'} it${
          promotion.decisionComment ? `: ${promotion.decisionComment}` : ''
        }`,
        link: `${entityPageLink(
          promotion.entityRef,
          'registry',
        )}?promotion=${encodeURIComponent(promotion.id)}`,
        severity: rejected ? 'high' : 'normal',
        topic: promotion.entityRef,
        scope: `mlops:promotion:${promotion.id}`,
        metadata: { entityRef: promotion.entityRef, promotionId: promotion.id },
      },
    );
  }

  async pullRequestSettled(promotion: PromotionRecord): Promise<void> {
    const pull = promotion.pullRequest;
    if (!pull || pull.state === 'open') {
      return;
    }
    const merged = pull.state === 'merged';
    const move = `${promotion.alias} → v${promotion.toVersion}`;
    await this.send(
      { type: 'entity', entityRef: promotion.requestedBy },
      {
        title: merged
          ? `${displayName(
              promotion.entityRef,
            )}: ${move} merged through pull request #${pull.number}${
              pull.mergedBy ? ` by ${pull.mergedBy}` : ''
            }`
          : `${displayName(promotion.entityRef)}: ${move}: pull request #${
              pull.number
            } closed without merging`,
        description: merged
          ? `Your request is done; CI applies ${pull.path} to the registry. ${pull.url}`
          : `Nothing moved: ${promotion.alias} stays at ${
              promotion.fromVersion ? `v${promotion.fromVersion}` : 'nothing'
            }. ${pull.url}`,
        link: `${entityPageLink(
          promotion.entityRef,
          'registry',
        )}?promotion=${encodeURIComponent(promotion.id)}`,
        severity: merged ? 'normal' : 'high',
        topic: promotion.entityRef,
        // The promotion's own scope: this replaces what was said about the request while it waited.
        scope: `mlops:promotion:${promotion.id}`,
        metadata: {
          entityRef: promotion.entityRef,
          promotionId: promotion.id,
          pullRequestUrl: pull.url,
        },
      },
    );
  }

  async rolloutStateReached(notice: RolloutStateNotice): Promise<void> {
    await this.sendToOwners([notice.entityRef], {
      title: `${displayName(notice.entityRef)}: rollout of v${
        notice.candidateVersion
      } ${rolloutTitle[notice.state]}`,
      description: notice.reason,
      link: entityPageLink(notice.entityRef, 'deployment'),
      severity: rolloutSeverity[notice.state],
      topic: notice.entityRef,
      // One notification per rollout: a rollout that pauses, resumes and pauses again updates it.
      scope: `mlops:rollout:${notice.rolloutId}`,
      metadata: {
        entityRef: notice.entityRef,
        rolloutId: notice.rolloutId,
        state: notice.state,
      },
    });
  }

  async retrainingStarted(notice: RetrainingNotice): Promise<void> {
    await this.sendToOwners([notice.entityRef], {
      title: `${displayName(notice.entityRef)}: retraining started on drift`,
      description: `${notice.reason}. Kubeflow run ${notice.runId}${
        notice.pipelineRef ? ` of ${notice.pipelineRef}` : ''
      }.`,
      link: notice.pipelineRef
        ? entityPageLink(notice.pipelineRef, 'runs')
        : entityPageLink(notice.entityRef, 'monitoring'),
      severity: 'normal',
      topic: notice.entityRef,
      scope: `mlops:retraining:${notice.entityRef}:${notice.runId}`,
      metadata: { entityRef: notice.entityRef, runId: notice.runId },
    });
  }

  async featureViewStale(notice: FeatureViewStaleNotice): Promise<void> {
    await this.sendToOwners([notice.featureViewRef, ...notice.consumerRefs], {
      title: `${displayName(notice.featureViewRef)} is stale`,
      description: `${notice.reason}${
        notice.consumerRefs.length
          ? `. Consumed by ${notice.consumerRefs.join(', ')}.`
          : ''
      }`,
      link: entityPageLink(notice.featureViewRef),
      severity: 'high',
      topic: notice.featureViewRef,
      scope: `mlops:feature-view-stale:${notice.featureViewRef}`,
      metadata: { entityRef: notice.featureViewRef },
    });
  }

  async aliasMovedOutsidePortal(notice: OutsideAliasMoveNotice): Promise<void> {
    await this.sendToOwners([notice.entityRef], {
      title: `${displayName(notice.entityRef)}: ${notice.alias} ${
        notice.version ? `moved to v${notice.version}` : 'deleted'
      } outside the portal`,
      description: `The registry reports that the protected alias ${
        notice.alias
      } was ${notice.version ? `set to v${notice.version}` : 'deleted'} at ${
        notice.movedAt
      }, without the portal's approval.`,
      link: entityPageLink(notice.entityRef, 'registry'),
      severity: 'high',
      topic: notice.entityRef,
      scope: `mlops:alias:${notice.entityRef}:${notice.alias}`,
      metadata: { entityRef: notice.entityRef, alias: notice.alias },
    });
  }

  private async sendToOwners(
    entityRefs: string[],
    payload: NotificationPayload,
  ) {
    const entities = await Promise.all(entityRefs.map(ref => this.entity(ref)));
    const owners = [...new Set(entities.flatMap(e => this.owners(e)))];
    await this.send({ type: 'entity', entityRef: owners }, payload);
  }

  private async send(
    recipients: EntityNotificationRecipients,
    payload: NotificationPayload,
  ) {
    if (recipients.entityRef.length === 0) {
      this.deps.logger.warn(
        `Notification '${payload.title}' has nobody to go to (no owners found)`,
      );
      return;
    }
    try {
      await this.deps.notifications.send({ recipients, payload });
    } catch (error) {
      this.deps.logger.warn(
        `Could not send the notification '${payload.title}': ${error}`,
      );
    }
  }

  private async entity(entityRef: string): Promise<Entity | undefined> {
    try {
      return await this.deps.catalog.getEntityByRef(entityRef, {
        credentials: await this.deps.auth.getOwnServiceCredentials(),
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not read ${entityRef} to notify its owners: ${error}`,
      );
      return undefined;
    }
  }

  /** A person as the catalog names them (`spec.profile.displayName`), else the name in their reference. */
  private async personName(userRef: string): Promise<string> {
    const user = await this.entity(userRef);
    const profile = user?.spec?.profile as { displayName?: string } | undefined;
    return profile?.displayName ?? parseEntityRef(userRef).name;
  }

  private owners(entity: Entity | undefined): string[] {
    const owner = entity?.spec?.owner;
    return typeof owner === 'string' && owner
      ? [this.normalize(owner, entity!)]
      : [];
  }

  /** `spec.owner: fraud-ml` means `group:<the entity's namespace>/fraud-ml`, as the catalog reads it. */
  private normalize(ref: string, entity: Entity): string {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'Group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  }
}

function displayName(entityRef: string): string {
  return parseEntityRef(entityRef).name;
}
