import { parseEntityRef } from '@backstage/catalog-model';

/** The app's path to an entity's page (the catalog's default route), optionally to one of its tabs. */
export function entityPageLink(entityRef: string, tab?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const base = `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
  return tab ? `${base}/${tab}` : base;
}
