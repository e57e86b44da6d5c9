import {
  CatalogTable,
  CatalogTableColumnsFunc,
} from '@backstage/plugin-catalog';

/** Columns whose text wraps between words: free text. Every other column is short and stays on one line. */
const WRAPPING_FIELDS = ['entity.metadata.description', 'entity.metadata.tags'];

/**
 * The catalog's default columns, with names, systems, owners, types and lifecycles kept on one line: squeezed
 * columns broke them mid-word ("Churn predicto r", "customer-grow th"); the description and tags wrap instead.
 */
export const catalogColumns: CatalogTableColumnsFunc = context =>
  CatalogTable.defaultColumnsFunc(context).map(column =>
    typeof column.field === 'string' && WRAPPING_FIELDS.includes(column.field)
      ? column
      : {
          ...column,
          cellStyle: { whiteSpace: 'nowrap', wordBreak: 'normal' },
        },
  );
