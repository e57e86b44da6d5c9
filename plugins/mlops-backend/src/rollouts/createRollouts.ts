import { MlopsNotifier } from '../notifications/MlopsNotifier';
import { ModelLiveUpdates } from '../notifications/ModelLiveUpdates';
import { AliasMover } from '../registry/AliasMover';
import { CandidateCheck } from '../registry/CandidateCheck';
import { AliasFilePullRequests } from '../registry/pullRequests/AliasFilePullRequests';
import { PluginDeps } from '../shared/PluginDeps';
import { portalInstanceId } from '../shared/portalInstanceId';
import { LiveServingService } from './LiveServingService';
import { RolloutEngine } from './RolloutEngine';
import { rolloutModelInfo } from './rolloutModelInfo';
import { rolloutChangeListener } from './rolloutChangeListener';
import { RolloutService } from './RolloutService';
import { RolloutStore } from './RolloutStore';
import { GitOpsWrites } from './gitops/GitOpsWrites';

/**
 * The rollouts capability: the service people start and control rollouts through, and the engine that drives
 * them every 5 s, and the live serving view (the split read from the cluster, orphans, return to stable). The scheduler runs one tick at a time across all backend replicas sharing the database; each
 * save is also conditional on the state read, so a late tick cannot undo a person's pause or abort.
 */
export async function createRollouts(
  deps: PluginDeps & {
    aliases: AliasMover;
    candidates: CandidateCheck;
    /** Alias moves of Models in pull-request mode, including a rollout's own at its end. */
    pullRequests: AliasFilePullRequests;
    notifier: MlopsNotifier;
    liveUpdates: ModelLiveUpdates;
  },
) {
  const store = new RolloutStore(deps.knex, rolloutChangeListener(deps));
  const instanceId = portalInstanceId(deps.config);
  const gitOps = GitOpsWrites.fromConfig(deps.config);
  const liveServing = new LiveServingService({
    ...deps,
    store,
    instanceId,
    gitOps,
  });
  const engine = new RolloutEngine({
    ...deps,
    instanceId,
    store,
    modelInfo: rolloutModelInfo(
      deps.catalog,
      deps.auth,
      deps.prometheus,
      deps.registries,
    ),
    gitOps,
  });
  await deps.scheduler.scheduleTask({
    id: 'mlops-rollout-engine',
    frequency: { seconds: 5 },
    // A replica that dies mid-tick holds the task until this lapses; a tick takes seconds (bench: 200 rollouts).
    timeout: { seconds: 30 },
    fn: () => engine.tick(),
  });
  return {
    rollouts: new RolloutService({ ...deps, store, engine, liveServing }),
    liveServing,
  };
}
