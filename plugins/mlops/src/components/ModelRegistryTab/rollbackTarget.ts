import { AliasState, PromotionRecord } from '@mlops-portal/plugin-mlops-common';

/** Requests that hold an alias's lock in the backend until they finish or are decided. */
const OPEN_STATES: PromotionRecord['state'][] = [
  'pending_approval',
  'pending_pull_request',
  'in_progress',
  'unknown',
];

const openStateWords: Partial<Record<PromotionRecord['state'], string>> = {
  pending_approval: 'waits for approval',
  pending_pull_request: 'waits for its pull request',
  in_progress: 'is in progress',
  unknown: 'has an unknown outcome',
};

/**
 * Where a rollback of `alias` would point it, or why there is no rollback, by the backend's rule: a rollback
 * undoes the portal's last completed move of the alias (the registry view's `promotionId`, set only while the
 * alias still points where that move left it) and returns to that move's `fromVersion`; an open request for the
 * alias holds its lock, so the rollback would be refused until it is decided.
 */
export function rollbackTarget(
  alias: AliasState,
  history: PromotionRecord[],
): { version: string; move: PromotionRecord } | { unavailable: string } {
  const open = history.find(
    h => h.alias === alias.alias && OPEN_STATES.includes(h.state),
  );
  if (open) {
    return {
      unavailable: `The request to move ${alias.alias} to v${open.toVersion} ${
        openStateWords[open.state]
      }; it must finish first`,
    };
  }
  const move = alias.promotionId
    ? history.find(h => h.id === alias.promotionId)
    : undefined;
  if (!move) {
    return {
      unavailable: `${alias.alias} was set to v${alias.version} outside the portal, so the portal has no earlier version to return to`,
    };
  }
  if (!move.fromVersion) {
    return {
      unavailable: `${alias.alias} was not set before the portal pointed it at v${alias.version}; there is no earlier version to return to`,
    };
  }
  return { version: move.fromVersion, move };
}
