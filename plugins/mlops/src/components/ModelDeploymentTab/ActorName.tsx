import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** Actors the portal itself writes (`mlops:rollout-engine`, `mlops:drift-retraining`), not catalog entities. */
const PORTAL_ACTOR = /^mlops:(.+)$/;

/**
 * Who did something: a person or group by their catalog display name (a link to them), the portal's own
 * machinery in words ("the rollout engine").
 */
export function ActorName(props: { actor: string }) {
  const portal = PORTAL_ACTOR.exec(props.actor);
  if (portal) {
    return <>the {portal[1].replace(/-/g, ' ')}</>;
  }
  return <EntityRefLink entityRef={props.actor} defaultKind="user" />;
}
