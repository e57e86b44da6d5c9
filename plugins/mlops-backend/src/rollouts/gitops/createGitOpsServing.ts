import { GitRepositories } from '@mlops-portal/plugin-mlops-node';
import { argoCdClients } from '../../shared/argocd/ArgoCdClient';
import { PluginDeps } from '../../shared/PluginDeps';
import { LiveServingService } from '../LiveServingService';
import { GitOpsServingService } from './GitOpsServingService';

/** The GitOps view of a Model's serving, over the Git hosts under `integrations` and `mlops.argocd.instances`. */
export function createGitOpsServing(
  deps: PluginDeps & { liveServing: LiveServingService },
) {
  return {
    gitOpsServing: new GitOpsServingService({
      ...deps,
      repositories: GitRepositories.fromConfig(deps.config),
      argocd: argoCdClients(deps.config),
    }),
  };
}
