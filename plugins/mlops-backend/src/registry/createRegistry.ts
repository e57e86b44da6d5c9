import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { PluginDeps } from '../shared/PluginDeps';
import { AliasMover } from './AliasMover';
import { ApprovalService } from './ApprovalService';
import { CandidateCheck } from './CandidateCheck';
import { ModelRegistryService } from './ModelRegistryService';
import { PromotionService } from './PromotionService';
import { PromotionStore } from './PromotionStore';
import { RegisteredModelService } from './RegisteredModelService';

/**
 * The registry capability: the registry view, promotions and rollbacks, approvals, registered models, and the
 * two pieces rollouts share with promotions: the {@link CandidateCheck} and the {@link AliasMover}.
 */
export function createRegistry(
  deps: PluginDeps & {
    onAliasMoved?: (record: PromotionRecord) => Promise<void>;
  },
) {
  const store = new PromotionStore(deps.knex);
  const aliases = new AliasMover({ ...deps, store });
  const candidates = new CandidateCheck(deps);
  return {
    aliases,
    candidates,
    registry: new ModelRegistryService({ ...deps, store }),
    promotions: new PromotionService({
      ...deps,
      store,
      aliases,
      candidates,
    }),
    approvals: new ApprovalService({ ...deps, store, aliases }),
    registeredModels: new RegisteredModelService(deps),
  };
}
