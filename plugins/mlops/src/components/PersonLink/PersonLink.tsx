import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** Actors the portal itself records (`mlops:rollout-engine` moving an alias at a rollout's end), not entities. */
const PORTAL_ACTOR = /^mlops:(.+)$/;

/**
 * Who asked or decided, as a person reads it: a user or group by their catalog display name, linking to their
 * page (`user:default/amira.haddad` shows as "Amira Haddad"); the portal's own machinery in words ("the rollout
 * engine"); anything else as written rather than failing the page.
 */
export function PersonLink(props: { entityRef: string }) {
  const portal = PORTAL_ACTOR.exec(props.entityRef);
  if (portal) {
    return <>the {portal[1].replace(/-/g, ' ')}</>;
  }
  try {
    parseEntityRef(props.entityRef, { defaultKind: 'user' });
  } catch {
    return <>{props.entityRef}</>;
  }
  return (
    <EntityRefLink entityRef={props.entityRef} defaultKind="user" hideIcon />
  );
}
