import { EventsService } from '@backstage/plugin-events-node';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { MlopsNotifier } from '../notifications/MlopsNotifier';
import { ModelLiveUpdates } from '../notifications/ModelLiveUpdates';
import { PluginDeps } from '../shared/PluginDeps';
import { AliasMover } from './AliasMover';
import { ApprovalService } from './ApprovalService';
import { CandidateCheck } from './CandidateCheck';
import { ModelRegistryService } from './ModelRegistryService';
import { PromotionReconciler } from './PromotionReconciler';
import { promotionChangeListener } from './promotionChangeListener';
import { PromotionService } from './PromotionService';
import { PromotionStore } from './PromotionStore';
import { AliasFilePullRequests } from './pullRequests/AliasFilePullRequests';
import { RegistryEventsListener } from './RegistryEventsListener';
import { RegisteredModelService } from './RegisteredModelService';

/**
 * The registry capability: the registry view, promotions and rollbacks, approvals, promotions through pull
 * requests against an alias file (checked every 30 s and on reads of the history), registered models, the
 * reconciliation of moves whose outcome is unknown (every minute; `mlops.registry.unknownSettleSeconds`, default
 * 300, after which a move that has not landed is failed), and the two pieces rollouts share with promotions: the
 * {@link CandidateCheck} and the {@link AliasMover}.
 */
export async function createRegistry(
  deps: PluginDeps & {
    notifier: MlopsNotifier;
    liveUpdates: ModelLiveUpdates;
    onAliasMoved?: (record: PromotionRecord) => Promise<void>;
    /** Where registry modules publish what registries report by themselves (`mlops.registry`); absent in tests. */
    events?: EventsService;
  },
) {
  const store = new PromotionStore(deps.knex, promotionChangeListener(deps));
  const aliases = new AliasMover({ ...deps, store });
  const candidates = new CandidateCheck(deps);
  const reconciler = new PromotionReconciler({
    ...deps,
    store,
    aliases,
    settleAfterSeconds:
      deps.config.getOptionalNumber('mlops.registry.unknownSettleSeconds') ??
      300,
  });
  const pullRequests = AliasFilePullRequests.fromConfig(deps.config, {
    ...deps,
    store,
  });
  // Promotions in pull-request mode: merged or closed pull requests recorded (one replica at a time runs it; the
  // outcome is a conditional transition either way).
  await deps.scheduler.scheduleTask({
    id: 'mlops-promotion-pull-requests',
    frequency: { seconds: 30 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 15 },
    fn: () => pullRequests.check(),
  });
  await deps.scheduler.scheduleTask({
    id: 'mlops-promotion-reconciliation',
    frequency: { seconds: 60 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 20 },
    fn: () => reconciler.reconcileAll(),
  });
  if (deps.events) {
    // Aliases moved in a registry outside the portal, as registry modules report them (e.g. MLflow webhooks).
    await new RegistryEventsListener({
      ...deps,
      store,
      pullRequests,
      onOutsideMove: record =>
        deps.notifier.aliasMovedOutsidePortal({
          entityRef: record.entityRef,
          alias: record.alias,
          version: record.toVersion || undefined,
          movedAt: record.completedAt ?? record.requestedAt,
        }),
    }).subscribe(deps.events);
  }
  return {
    aliases,
    candidates,
    pullRequests,
    registry: new ModelRegistryService({ ...deps, store }),
    promotions: new PromotionService({
      ...deps,
      store,
      aliases,
      candidates,
      pullRequests,
    }),
    approvals: new ApprovalService({ ...deps, store, aliases }),
    registeredModels: new RegisteredModelService(deps),
  };
}
