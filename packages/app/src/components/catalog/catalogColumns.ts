import {
  CatalogTable,
  CatalogTableColumnsFunc,
} from '@backstage/plugin-catalog';

const NAME_FIELD = 'resolved.entityRef';

/**
 * The catalog's default columns, with names kept on one line: a squeezed Name column broke names mid-word
 * ("Churn predicto r"); the description beside it wraps instead.
 */
export const catalogColumns: CatalogTableColumnsFunc = context =>
  CatalogTable.defaultColumnsFunc(context).map(column =>
    column.field === NAME_FIELD
      ? {
          ...column,
          cellStyle: { whiteSpace: 'nowrap', wordBreak: 'normal' },
        }
      : column,
  );
