import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import { ModelAlert } from '@mlops-portal/plugin-mlops-common';

const columns: TableColumn<ModelAlert>[] = [
  { title: 'Alert', field: 'name' },
  {
    title: 'State',
    render: a => (
      <Chip
        size="small"
        label={a.state}
        color={a.state === 'firing' ? 'secondary' : 'default'}
      />
    ),
  },
  { title: 'Severity', render: a => a.severity ?? '—' },
  { title: 'Summary', render: a => a.summary ?? '' },
  {
    title: 'Active since',
    render: a => (a.activeAt ? new Date(a.activeAt).toLocaleString() : '—'),
  },
];

/** Firing and pending alerts that carry the Model's labels. */
export function AlertsTable(props: { alerts: ModelAlert[] }) {
  return (
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
  );
}
