import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  DEFAULT_PROTECTED_ALIASES,
  isModelEntity,
  ModelEntityV1alpha1,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import {
  MODEL_REGISTRY_EVENTS_TOPIC,
  ModelRegistryEvent,
} from '@mlops-portal/plugin-mlops-node';
import { randomUUID } from 'node:crypto';
import { ModelRegistries } from '../shared/ModelRegistries';
import { PromotionStore } from './PromotionStore';
import { AliasFilePullRequests } from './pullRequests/AliasFilePullRequests';

/** Who the history names for a move the registry reported and the portal did not make. */
export const OUTSIDE_THE_PORTAL = 'outside the portal';

/** The states of a move the portal made or is making: an event about the same alias and version is its echo. */
const PORTAL_MOVE_STATES = ['in_progress', 'unknown', 'completed'];

/**
 * Acts on what registries report by themselves (`ModelRegistryEvent`s on topic `mlops.registry`, published by
 * registry modules that verified them, e.g. MLflow's webhooks): an alias moved in the registry, not by the
 * portal, is recorded in each affected Model's promotion history as completed `outside the portal`, at the time
 * the registry sent it, and the owners are told when the alias is protected. The portal's own moves come back
 * as events too; they are recognised by the history (its latest move of the alias to that version) and skipped,
 * and so are the moves CI makes when it applies the alias file of a promotion's pull request (pull-request mode).
 * A deleted alias is recorded (as a move to no version) only when it is protected: the portal itself removes
 * unprotected aliases of its own (a rollout's `shadow`) without a history entry. New versions and version tags
 * need nothing here: the registry view and the Runs tab read versions from the registry on every request.
 * Without a registry module publishing events, nothing arrives and the portal reads the registry as before.
 */
export class RegistryEventsListener {
  constructor(
    private readonly deps: {
      store: PromotionStore;
      registries: ModelRegistries;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Records merged pull requests of promotions in pull-request mode, whose moves CI makes. */
      pullRequests?: Pick<AliasFilePullRequests, 'check'>;
      /** Told when a protected alias moved outside the portal; failures are logged. */
      onOutsideMove?: (record: PromotionRecord) => Promise<void>;
    },
  ) {}

  /** Subscribes to `mlops.registry`; one replica handles each event. */
  async subscribe(events: EventsService): Promise<void> {
    await events.subscribe({
      id: 'mlops-registry-events',
      topics: [MODEL_REGISTRY_EVENTS_TOPIC],
      onEvent: async ({ eventPayload }) =>
        this.handle(eventPayload as ModelRegistryEvent),
    });
  }

  async handle(event: ModelRegistryEvent): Promise<void> {
    if (event.type !== 'alias.set' && event.type !== 'alias.deleted') {
      return;
    }
    for (const model of await this.modelsOf(event)) {
      const entityRef = stringifyEntityRef(model);
      const registry = model.spec.registry!;
      const isProtected = (
        registry.protectedAliases ?? DEFAULT_PROTECTED_ALIASES
      ).includes(event.alias);
      const toVersion = event.type === 'alias.set' ? event.version : '';
      if (!toVersion && !isProtected) {
        continue;
      }
      const history = await this.deps.store.list(entityRef, {
        alias: event.alias,
      });
      const latest = history
        .filter(r => PORTAL_MOVE_STATES.includes(r.state))
        .at(-1);
      if (latest && latest.toVersion === toVersion) {
        continue;
      }
      // CI applying the alias file of a pull request the portal opened (pull-request mode), heard of before the
      // portal noticed the merge: the move is the promotion's, recorded by checking its pull request now.
      const awaiting = history.find(
        r => r.state === 'pending_pull_request' && r.toVersion === toVersion,
      );
      if (awaiting) {
        await this.deps.pullRequests?.check({ entityRef });
        continue;
      }
      const record: PromotionRecord = {
        id: randomUUID(),
        entityRef,
        instance: event.instance,
        registeredModel: event.registeredModel,
        action: 'promote',
        alias: event.alias,
        fromVersion: latest?.toVersion || undefined,
        toVersion,
        reason: toVersion
          ? `alias set to v${toVersion} in the registry, outside the portal (delivery ${event.deliveryId})`
          : `alias removed in the registry, outside the portal (delivery ${event.deliveryId})`,
        state: 'completed',
        requestedBy: OUTSIDE_THE_PORTAL,
        requestedAt: event.sentAt,
        completedAt: event.sentAt,
        gates: [],
      };
      await this.deps.store.insert(record);
      this.deps.logger.info(
        `${entityRef} ${event.alias} moved outside the portal: ${
          record.fromVersion ?? '(none)'
        } → ${toVersion || '(none)'} (${event.provider} ${
          event.instance
        }, delivery ${event.deliveryId})`,
      );
      if (isProtected && this.deps.onOutsideMove) {
        await this.deps
          .onOutsideMove(record)
          .catch(error =>
            this.deps.logger.warn(
              `Could not tell the owners of ${entityRef} about ${event.alias}: ${error}`,
            ),
          );
      }
    }
  }

  /** The Models that declare this registered model on this registry instance. */
  private async modelsOf(
    event: ModelRegistryEvent,
  ): Promise<ModelEntityV1alpha1[]> {
    const { items } = await this.deps.catalog.getEntities(
      {
        // Every Model, narrowed here: a field filter on spec.registry.modelName is not honoured by every
        // catalog client (the in-memory one ignores it); only what the match needs is read.
        filter: { kind: 'Model' },
        fields: [
          'apiVersion',
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.registry',
        ],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return items.filter((entity): entity is ModelEntityV1alpha1 => {
      if (!isModelEntity(entity) || !entity.spec.registry) {
        return false;
      }
      const { provider, instance, modelName } = entity.spec.registry;
      if (provider !== event.provider || modelName !== event.registeredModel) {
        return false;
      }
      try {
        return (
          this.deps.registries.client({ provider, instance }).instanceName ===
          event.instance
        );
      } catch {
        // The Model names an instance that is not configured: not this one.
        return false;
      }
    });
  }
}
