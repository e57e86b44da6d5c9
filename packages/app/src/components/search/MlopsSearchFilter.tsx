import { useCallback } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  CatalogApi,
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { FilterValue, SearchFilter } from '@backstage/plugin-search-react';
import {
  MLOPS_KINDS,
  MlopsSearchDocument,
} from '@mlops-portal/plugin-mlops-common';

/** The fields of the `mlops` search documents the page filters on. */
export type MlopsSearchFilterField = keyof Pick<
  MlopsSearchDocument,
  'framework' | 'owner' | 'health'
>;

type FilterDefinition = {
  label: string;
  values: FilterValue[] | ((catalogApi: CatalogApi) => Promise<FilterValue[]>);
};

// Framework and owner values come from the catalog, so the filters offer what the ML entities actually declare.
const FILTERS: Record<MlopsSearchFilterField, FilterDefinition> = {
  framework: {
    label: 'Framework',
    values: async catalogApi => {
      const { facets } = await catalogApi.getEntityFacets({
        filter: { kind: 'Model' },
        facets: ['spec.framework'],
      });
      return (facets['spec.framework'] ?? []).map(f => f.value).sort();
    },
  },
  owner: {
    label: 'Owner',
    values: async catalogApi => {
      const { facets } = await catalogApi.getEntityFacets({
        filter: { kind: [...MLOPS_KINDS] },
        facets: ['relations.ownedBy'],
      });
      return (facets['relations.ownedBy'] ?? [])
        .map(f => ({
          value: f.value,
          label: humanizeEntityRef(parseEntityRef(f.value), {
            defaultKind: 'group',
          }),
        }))
        .sort((a, b) => a.label.localeCompare(b.label));
    },
  },
  // The Model's status as the health light names it.
  health: {
    label: 'Health',
    values: [
      { value: 'ok', label: 'Healthy' },
      { value: 'warning', label: 'Warning' },
      { value: 'critical', label: 'Critical' },
      { value: 'unknown', label: 'Unknown' },
    ],
  },
};

/** Props of {@link MlopsSearchFilter}. */
export type MlopsSearchFilterProps = {
  field: MlopsSearchFilterField;
  className?: string;
};

/** A select filter on one field of the `mlops` search documents, with the values that field can take. */
export const MlopsSearchFilter = ({
  field,
  className,
}: MlopsSearchFilterProps) => {
  const catalogApi = useApi(catalogApiRef);
  const { label, values } = FILTERS[field];
  const loadValues = useCallback(
    async () => (Array.isArray(values) ? values : values(catalogApi)),
    [catalogApi, values],
  );
  return (
    <SearchFilter.Select
      className={className}
      label={label}
      name={field}
      values={Array.isArray(values) ? values : loadValues}
    />
  );
};
