import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';

/**
 * One line per request, true to what happened: only a completed request "moved" an alias; one the gates stopped
 * "was refused", one an approver turned down "was rejected".
 */
export function describePromotion(record: PromotionRecord): string {
  const { alias, fromVersion, toVersion } = record;
  const move = `${alias} v${fromVersion ?? '–'} → v${toVersion}`;
  // A protected alias removed in the registry, recorded from its webhook: a move to no version.
  if (!toVersion) {
    return `${alias} removed${fromVersion ? ` (was v${fromVersion})` : ''}`;
  }
  if (record.action === 'rollback') {
    switch (record.state) {
      case 'completed':
        return `${alias} rolled back v${fromVersion ?? '–'} → v${toVersion}`;
      case 'failed':
        return `Rolling back ${move} failed`;
      case 'unknown':
        return `Rolling back ${move}: the registry never confirmed it`;
      default:
        return `${alias} is rolling back v${
          fromVersion ?? '–'
        } → v${toVersion}`;
    }
  }
  const request = `Promoting v${toVersion} to ${alias}`;
  switch (record.state) {
    case 'completed':
      return fromVersion
        ? `${alias} moved v${fromVersion} → v${toVersion}`
        : `${alias} set to v${toVersion}`;
    case 'blocked':
      return `${request} was refused`;
    case 'rejected':
      return `${request} was rejected`;
    case 'pending_approval':
      return `${request} waits for approval`;
    case 'pending_pull_request':
      return `${request} waits for ${
        record.pullRequest
          ? `pull request #${record.pullRequest.number}`
          : 'its pull request'
      }`;
    case 'failed':
      return `${request} failed`;
    case 'unknown':
      return `${request}: the registry never confirmed it`;
    default:
      return `${alias} is moving v${fromVersion ?? '–'} → v${toVersion}`;
  }
}
