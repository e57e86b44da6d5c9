import { rolloutStartExamples } from './rolloutStart.examples';
import {
  rolloutStartAction,
  RolloutStartOptions,
} from './rolloutStartDefinition';

/**
 * `mlops:rollout:start`: starts a rollout of a Model version through the mlops backend with the rollout
 * `strategy`: `canary` (default), `abtest` with its `abTest` plan, `shadow` or `bluegreen` (with optional
 * `shadow`/`blueGreen` plans). The backend validates every plan and refuses what does not fit. The successor of
 * `mlops:canary:start`, which keeps working with the same inputs.
 *
 * @public
 */
export function createRolloutStartAction(options: RolloutStartOptions) {
  return rolloutStartAction('mlops:rollout:start', {
    ...options,
    examples: rolloutStartExamples,
  });
}
