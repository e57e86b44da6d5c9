import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  FeatureViewStatus,
  isModelEntity,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsNotifier } from '../notifications/MlopsNotifier';
import { StaleEpisodeStore } from './StaleEpisodeStore';

/**
 * The scheduled look at every FeatureView's freshness in Feast: the first check that sees a view stale opens a
 * staleness episode and notifies the owners of the view and of every Model that consumes it; later checks of the
 * same episode (on any replica, after any restart) say nothing; the first check that sees it fresh ends it.
 */
export class FeatureViewStalenessWatch {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      featureViews: {
        status(
          entityRef: string,
          credentials: BackstageCredentials,
        ): Promise<FeatureViewStatus>;
      };
      episodes: StaleEpisodeStore;
      notifier: Pick<MlopsNotifier, 'featureViewStale'>;
      now?: () => number;
    },
  ) {}

  /** The last failure logged per view, so an unreachable Feast is said once, not every check. */
  private readonly failing = new Map<string, string>();

  async checkAll(): Promise<void> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const [{ items: views }, { items: models }] = await Promise.all([
      this.deps.catalog.getEntities(
        { filter: { kind: 'FeatureView' } },
        { credentials },
      ),
      this.deps.catalog.getEntities(
        { filter: { kind: 'Model' } },
        { credentials },
      ),
    ]);
    for (const view of views) {
      const ref = stringifyEntityRef(view);
      let status: FeatureViewStatus;
      try {
        status = await this.deps.featureViews.status(ref, credentials);
        this.failing.delete(ref);
      } catch (error) {
        const said = String(error);
        if (this.failing.get(ref) !== said) {
          this.failing.set(ref, said);
          this.deps.logger.warn(
            `Staleness check of ${ref} failed (not repeated until it changes): ${said}`,
          );
        }
        continue;
      }
      if (!status.stale) {
        await this.deps.episodes.close(ref);
      } else if (
        await this.deps.episodes.open(ref, (this.deps.now ?? Date.now)())
      ) {
        await this.deps.notifier.featureViewStale({
          featureViewRef: ref,
          reason: staleness(status),
          consumerRefs: consumersOf(ref, models),
        });
      }
    }
  }
}

/** Hours under three days, else days: what a person reads at a glance ("56 h", "3 days"). */
function inWords(seconds: number): string {
  const hours = seconds / 3600;
  if (hours < 1) return `${Math.round(seconds / 60)} min`;
  if (hours < 72) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

function staleness(status: FeatureViewStatus): string {
  const age =
    status.lastMaterializedAt && status.ageSeconds !== undefined
      ? `last materialized ${inWords(
          status.ageSeconds,
        )} ago (${status.lastMaterializedAt
          .slice(0, 16)
          .replace('T', ' ')} UTC)`
      : 'never materialized';
  return `${age}; TTL ${
    status.ttlSeconds !== undefined ? inWords(status.ttlSeconds) : 'unset'
  }`;
}

/** The Models whose `spec.featureViews` name the view (relative refs read as the catalog reads them). */
function consumersOf(viewRef: string, models: Entity[]): string[] {
  const target = viewRef.toLocaleLowerCase('en-US');
  return models.filter(isModelEntity).flatMap(model => {
    const namespace = model.metadata.namespace ?? 'default';
    const reads = (model.spec.featureViews ?? []).some(ref => {
      try {
        return (
          stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'FeatureView',
              defaultNamespace: namespace,
            }),
          ).toLocaleLowerCase('en-US') === target
        );
      } catch {
        return false;
      }
    });
    return reads ? [stringifyEntityRef(model)] : [];
  });
}
