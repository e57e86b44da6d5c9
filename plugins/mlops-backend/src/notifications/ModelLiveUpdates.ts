import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ModelChangeSignal,
  modelSignalChannel,
} from '@mlops-portal/plugin-mlops-common';

/**
 * Tells open pages that a Model's promotions or rollouts changed, as a signal on the Model's channel
 * (`modelSignalChannel`), so its Registry and Deployment tabs reload at once instead of at their next poll. The
 * message says only what changed; the page reads the rest with the user's own permissions. A failed publish is
 * logged: the pages still poll.
 */
export class ModelLiveUpdates {
  constructor(
    private readonly deps: { signals: SignalsService; logger: LoggerService },
  ) {}

  async changed(signal: ModelChangeSignal): Promise<void> {
    try {
      await this.deps.signals.publish<ModelChangeSignal>({
        recipients: { type: 'broadcast' },
        channel: modelSignalChannel(signal.entityRef),
        message: signal,
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not signal the change of ${signal.kind} ${signal.id}: ${error}`,
      );
    }
  }
}
