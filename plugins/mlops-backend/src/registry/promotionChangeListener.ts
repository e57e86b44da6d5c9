import { MlopsNotifier } from '../notifications/MlopsNotifier';
import { ModelLiveUpdates } from '../notifications/ModelLiveUpdates';
import { PromotionChangeListener } from './PromotionStore';

/**
 * What follows a change of the promotion history: open pages reload, a new request waiting for approval is
 * announced to its approvers, and a decision (or a rollout's withdrawal of its request) to its requester, as is
 * the merge or closing of the pull request a request in pull-request mode waited for.
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
    } else if (
      from === 'pending_pull_request' &&
      (record.pullRequest?.state === 'merged' ||
        record.pullRequest?.state === 'closed')
    ) {
      await deps.notifier.pullRequestSettled(record);
    }
  };
}
