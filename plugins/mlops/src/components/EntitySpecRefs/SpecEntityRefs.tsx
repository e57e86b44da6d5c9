import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';

/** @public */
export interface SpecEntityRefsProps {
  /** Entity references as written in the spec (short forms allowed). */
  refs: string | string[] | undefined;
  /** The kind a short reference defaults to, e.g. `Group` for an owner. */
  defaultKind: string;
}

/**
 * Links to the entities a spec field names, resolving short references the way the catalog module does
 * (default kind, the current entity's namespace).
 *
 * @public
 */
export function SpecEntityRefs(props: SpecEntityRefsProps) {
  const { entity } = useEntity();
  const refs = [props.refs ?? []].flat();
  if (refs.length === 0) {
    return <>—</>;
  }
  const entityRefs = refs.map(ref =>
    parseEntityRef(ref, {
      defaultKind: props.defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
  return (
    <EntityRefLinks entityRefs={entityRefs} defaultKind={props.defaultKind} />
  );
}
