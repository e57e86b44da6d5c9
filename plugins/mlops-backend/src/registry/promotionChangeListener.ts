import { MlopsNotifier } from '../notifications/MlopsNotifier';
import { ModelLiveUpdates } from '../notifications/ModelLiveUpdates';
import { PromotionChangeListener } from './PromotionStore';

/**
 * What follows a change of the promotion history: open pages reload, a new request waiting for approval is
 * announced to its approvers, and a decision (or a rollout's withdrawal of its request) to its requester.
 */
export function promotionChangeListener(deps: {
  notifier: MlopsNotifier;
  liveUpdates: ModelLiveUpdates;
}): PromotionChangeListener {
  return async (record, from) => {
    await deps.liveUpdates.changed({
      kind: 'promotion',
      id: record.id,
      entityRef: record.entityRef,
      state: record.state,
    });
    if (from === undefined && record.state === 'pending_approval') {
      await deps.notifier.approvalRequested(record);
    } else if (from === 'pending_approval' && record.decidedBy) {
      await deps.notifier.approvalDecided(record);
    }
  };
}
