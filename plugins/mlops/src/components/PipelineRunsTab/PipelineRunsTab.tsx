import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import {
  mlopsPipelineRunPermission,
  PipelineRecurringRun,
  PipelineRunSummary,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { mlopsApiRef } from '../../api/MlopsApi';
import { RunPipelineDialog } from './RunPipelineDialog';

const DENIED = 'You may not run this pipeline; by default only its owners may';

const duration = (seconds?: number) => {
  if (seconds === undefined) return '—';
  const m = Math.floor(seconds / 60);
  return m ? `${m} min ${seconds % 60} s` : `${seconds} s`;
};

const runColumns: TableColumn<PipelineRunSummary>[] = [
  {
    title: 'Run',
    render: r => (r.url ? <Link to={r.url}>{r.name}</Link> : r.name),
  },
  {
    title: 'State',
    render: r => (
      <Chip
        size="small"
        label={r.state}
        color={r.state === 'FAILED' ? 'secondary' : 'default'}
        title={r.error}
      />
    ),
  },
  {
    title: 'Started',
    render: r => (r.createdAt ? new Date(r.createdAt).toLocaleString() : '—'),
  },
  { title: 'Duration', render: r => duration(r.durationSeconds) },
  {
    title: 'Parameters',
    render: r =>
      Object.entries(r.parameters)
        .map(
          ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
        )
        .join(', ') || '—',
  },
  {
    title: 'Model version',
    render: r =>
      r.modelVersions?.length
        ? r.modelVersions.map(v => (
            <div key={`${v.modelRef}:${v.version}`}>
              <EntityRefLink
                entityRef={v.modelRef}
                title={`${v.registeredModel} v${v.version}`}
              />
            </div>
          ))
        : '—',
  },
];

const recurringColumns: TableColumn<PipelineRecurringRun>[] = [
  { title: 'Recurring run', field: 'name' },
  { title: 'Schedule', render: r => r.schedule ?? '—' },
  { title: 'Enabled', render: r => (r.enabled ? 'yes' : 'no') },
];

/**
 * The Runs tab of a Pipeline: its recent Kubeflow runs (state, start, duration, parameters, a link to the
 * Kubeflow UI when configured), its recurring runs, and "Run pipeline" (permission `mlops.pipeline.run`) with
 * the pipeline's parameters. Refreshes every 10 seconds.
 *
 * @public
 */
export function PipelineRunsTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsApiRef);
  const alertApi = useApi(alertApiRef);
  const run = usePermission({
    permission: mlopsPipelineRunPermission,
    resourceRef: entityRef,
  });
  const [open, setOpen] = useState(false);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getPipelineRuns(entityRef),
    [api, entityRef],
  );
  useInterval(retry, 10_000);
  if (loading && !value) return <Progress />;
  if (error && !value)
    return <ResponseErrorPanel error={error} title="Kubeflow runs" />;
  const view = value!;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Tooltip title={run.allowed ? '' : DENIED}>
          <span>
            <Button
              variant="contained"
              color="primary"
              disabled={!run.allowed}
              onClick={() => setOpen(true)}
            >
              Run pipeline
            </Button>
          </span>
        </Tooltip>
      </Grid>
      {view.modelVersionsError && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title="Model versions registered by these runs cannot be shown"
            message={view.modelVersionsError}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <Table<PipelineRunSummary>
          title={`Runs of ${view.pipelineName} (Kubeflow ${view.kubeflowInstance})`}
          options={{
            paging: view.runs.length > 20,
            pageSize: 20,
            search: false,
            padding: 'dense',
          }}
          columns={runColumns}
          data={view.runs}
          emptyContent={
            <div style={{ padding: 16 }}>No runs of this pipeline yet.</div>
          }
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table<PipelineRecurringRun>
          title="Recurring runs"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={recurringColumns}
          data={view.recurringRuns}
          emptyContent={<div style={{ padding: 16 }}>No recurring runs.</div>}
        />
      </Grid>
      <RunPipelineDialog
        open={open}
        parameters={view.parameters}
        onClose={() => setOpen(false)}
        onRun={async parameters => {
          const started = await api.startPipelineRun(entityRef, { parameters });
          setOpen(false);
          alertApi.post({
            message: `Started run ${started.name}`,
            severity: 'success',
            display: 'transient',
          });
          retry();
        }}
      />
    </Grid>
  );
}
