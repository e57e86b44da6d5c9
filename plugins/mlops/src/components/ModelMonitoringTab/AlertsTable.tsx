import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import { ModelAlert } from '@mlops-portal/plugin-mlops-common';

/** Short cells keep their words on one line; the summary, a sentence, wraps between words only. */
const nowrap = { whiteSpace: 'nowrap', wordBreak: 'normal' } as const;

const columns: TableColumn<ModelAlert>[] = [
  { title: 'Alert', field: 'name', cellStyle: nowrap },
  {
    title: 'State',
    cellStyle: nowrap,
    render: a => (
      <Chip
        size="small"
        label={a.state}
        color={a.state === 'firing' ? 'secondary' : 'default'}
      />
    ),
  },
  { title: 'Severity', cellStyle: nowrap, render: a => a.severity ?? '—' },
  {
    title: 'Summary',
    cellStyle: { wordBreak: 'normal', minWidth: 200 },
    render: a => a.summary ?? '',
  },
  {
    title: 'Active since',
    cellStyle: nowrap,
    headerStyle: nowrap,
    render: a => (a.activeAt ? new Date(a.activeAt).toLocaleString() : '—'),
  },
];

/** Firing and pending alerts that carry the Model's labels; the table scrolls inside its card when narrow. */
export function AlertsTable(props: { alerts: ModelAlert[] }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<ModelAlert>
        title={`Alerts (${props.alerts.length})`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={props.alerts}
        emptyContent={
          <div style={{ padding: 16 }}>
            No firing or pending alerts for this model.
          </div>
        }
      />
    </div>
  );
}
