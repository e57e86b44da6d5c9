import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RetrainingRun } from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api/MlopsApi';

const nowrap = { whiteSpace: 'nowrap', wordBreak: 'normal' } as const;

const columns: TableColumn<RetrainingRun>[] = [
  {
    title: 'Started',
    cellStyle: nowrap,
    render: r => new Date(r.startedAt).toLocaleString(),
  },
  { title: 'Pipeline', field: 'pipelineRef', cellStyle: nowrap },
  {
    title: 'Kubeflow run',
    cellStyle: nowrap,
    render: r => `${r.kubeflowInstance}/${r.runId}`,
  },
  { title: 'State', cellStyle: nowrap, render: r => r.state ?? 'unknown' },
  { title: 'Why', field: 'reason', cellStyle: { wordBreak: 'normal' } },
];

/** The runs the portal started because the Model's inputs drifted (its `spec.retraining`). */
export function RetrainingTable(props: { entityRef: string }) {
  const api = useApi(mlopsApiRef);
  const { value, error } = useAsync(
    () => api.getRetrainingRuns(props.entityRef),
    [api, props.entityRef],
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<RetrainingRun>
        title="Retraining on drift"
        subtitle={error ? `Could not load: ${error.message}` : undefined}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value ?? []}
        emptyContent={
          <div style={{ padding: 16 }}>
            No run was started on drift. A Model with spec.retraining gets one
            when its dataset drifts.
          </div>
        }
      />
    </div>
  );
}
