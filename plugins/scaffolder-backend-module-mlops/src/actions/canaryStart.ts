import { canaryStartExamples } from './canaryStart.examples';
import {
  rolloutStartAction,
  RolloutStartOptions,
} from './rolloutStartDefinition';

/**
 * `mlops:canary:start`: the first id of {@link createRolloutStartAction}'s action, kept so existing templates
 * work; same inputs, outputs and behaviour (a canary unless `strategy` says otherwise).
 *
 * @public
 */
export function createCanaryStartAction(options: RolloutStartOptions) {
  return rolloutStartAction('mlops:canary:start', {
    ...options,
    examples: canaryStartExamples,
  });
}
