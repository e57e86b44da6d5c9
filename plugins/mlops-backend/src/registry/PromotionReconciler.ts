import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isModelEntity,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { ModelRegistryClient } from '@mlops-portal/plugin-mlops-node';
import { ModelRegistries } from '../shared/ModelRegistries';
import { AliasMover } from './AliasMover';
import { PromotionStore } from './PromotionStore';

/**
 * The scheduled settling of alias moves recorded as `unknown` (`mlops-promotion-reconciliation`): each is read
 * back from its registry; a move that landed is recorded as completed, one that has not landed after
 * `settleAfterSeconds` (longer than any request the registry could still be holding) as failed, both with the
 * time the outcome was learned. Until then the alias stays locked.
 */
export class PromotionReconciler {
  private readonly failing = new Map<string, string>();

  constructor(
    private readonly deps: {
      store: PromotionStore;
      aliases: AliasMover;
      registries: ModelRegistries;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      settleAfterSeconds: number;
    },
  ) {}

  async reconcileAll(now = Date.now()): Promise<void> {
    for (const record of await this.deps.store.unknownOutcomes()) {
      try {
        await this.deps.aliases.settle(record, await this.registryOf(record), {
          settled:
            now - Date.parse(record.requestedAt) >
            this.deps.settleAfterSeconds * 1000,
        });
        this.failing.delete(record.id);
      } catch (error) {
        // Said once per cause: the registry may stay down for a while.
        if (this.failing.get(record.id) !== String(error)) {
          this.failing.set(record.id, String(error));
          this.deps.logger.warn(
            `Could not settle move ${record.id} of ${record.entityRef} yet: ${error}`,
          );
        }
      }
    }
  }

  /** The registry instance the move was sent to, by the provider its Model declares. */
  private async registryOf(
    record: PromotionRecord,
  ): Promise<ModelRegistryClient> {
    const entity = await this.deps.catalog.getEntityByRef(record.entityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    const provider =
      entity && isModelEntity(entity) && entity.spec.registry
        ? entity.spec.registry.provider
        : this.deps.registries.defaultProvider();
    return this.deps.registries.client({
      provider,
      instance: record.instance,
    });
  }
}
