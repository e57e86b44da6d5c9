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
import Typography from '@material-ui/core/Typography';
import {
  mlopsPipelineRunPermission,
  PipelineRecurringRun,
  PipelineRunSummary,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { mlopsApiRef } from '../../api/MlopsApi';
import { span } from '../format';
import { describeCron } from '../schedule/describeCron';
import { RunPipelineDialog } from './RunPipelineDialog';

const DENIED = 'You may not run this pipeline; by default only its owners may';

const duration = (seconds?: number) => {
  if (seconds === undefined) return '—';
  const m = Math.floor(seconds / 60);
  return m ? `${m} min ${seconds % 60} s` : `${seconds} s`;
};

const nowrap = { whiteSpace: 'nowrap', wordBreak: 'normal' } as const;
/** A long single line cut with an ellipsis; the whole text is in its tooltip. */
const oneLine = {
  ...nowrap,
  display: 'block',
  maxWidth: 360,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

const NO_VERSION =
  "No version in the model registry carries this run's id in its kfp_run_id tag. The template's pipeline " +
  'registers a version, tagged so, whenever its validate gate passes.';

/** A failed run's reason: the task that failed it and Kubeflow's message, else the run's own error. */
function FailureReason(props: { run: PipelineRunSummary }) {
  const { failedTask, error } = props.run;
  const text = failedTask
    ? `Failed at ${failedTask.name}${
        failedTask.message ? `: ${failedTask.message}` : ''
      }`
    : error;
  if (!text) return null;
  const title = failedTask?.podName
    ? `${text} (pod ${failedTask.podName})`
    : text;
  return (
    <Typography variant="caption" color="error" style={oneLine} title={title}>
      {text}
    </Typography>
  );
}

function ModelVersions(props: { run: PipelineRunSummary }) {
  const { run } = props;
  if (run.modelVersions?.length) {
    return (
      <>
        {run.modelVersions.map(v => (
          <div key={`${v.modelRef}:${v.version}`} style={nowrap}>
            <EntityRefLink
              entityRef={v.modelRef}
              title={`${v.registeredModel} v${v.version}`}
            />
          </div>
        ))}
      </>
    );
  }
  if (run.state === 'SUCCEEDED') {
    return <span title={NO_VERSION}>none registered</span>;
  }
  return <>—</>;
}

const runColumns: TableColumn<PipelineRunSummary>[] = [
  {
    title: 'Run',
    render: r => (
      <>
        <span style={nowrap}>
          {r.url ? <Link to={r.url}>{r.name}</Link> : r.name}
        </span>
        {r.state === 'FAILED' && <FailureReason run={r} />}
      </>
    ),
  },
  {
    title: 'State',
    render: r => (
      <Chip
        size="small"
        label={r.state}
        color={r.state === 'FAILED' ? 'secondary' : 'default'}
      />
    ),
  },
  {
    title: 'Started',
    cellStyle: nowrap,
    render: r => (r.createdAt ? new Date(r.createdAt).toLocaleString() : '—'),
  },
  {
    title: 'Duration',
    cellStyle: nowrap,
    render: r => duration(r.durationSeconds),
  },
  {
    title: 'Parameters',
    render: r => {
      const text =
        Object.entries(r.parameters)
          .map(
            ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
          )
          .join(', ') || '—';
      return (
        <span style={{ ...oneLine, maxWidth: 240 }} title={text}>
          {text}
        </span>
      );
    },
  },
  {
    title: 'Model version',
    cellStyle: nowrap,
    render: r => <ModelVersions run={r} />,
  },
];

/** A recurring run's trigger in words: a cron schedule, or the backend's `every <n>s` for a periodic one. */
function describeSchedule(schedule: string): string {
  const periodic = /^every (\d+)s$/.exec(schedule);
  return periodic
    ? `every ${span(Number(periodic[1]))}`
    : describeCron(schedule);
}

const recurringColumns: TableColumn<PipelineRecurringRun>[] = [
  { title: 'Recurring run', field: 'name', cellStyle: nowrap },
  {
    title: 'Schedule',
    cellStyle: nowrap,
    render: r =>
      r.schedule ? (
        <span title={r.schedule}>{describeSchedule(r.schedule)}</span>
      ) : (
        '—'
      ),
  },
  { title: 'Enabled', render: r => (r.enabled ? 'yes' : 'no') },
];

/**
 * The Runs tab of a Pipeline: its recent Kubeflow runs (state, start, duration, parameters, a link to the
 * Kubeflow UI when `uiUrl` is configured, else a line saying so), for a failed run the task that failed it and
 * Kubeflow's message, for a succeeded run the model versions it registered (or that it registered none), its
 * recurring runs with their schedules in words, and "Run pipeline" (permission `mlops.pipeline.run`) with the
 * pipeline's parameters. Refreshes every 10 seconds.
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
    return (
      <ResponseErrorPanel
        error={error}
        title={`Kubeflow runs: ${error.message}`}
      />
    );
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
          subtitle={
            view.runs.length > 0 && !view.runs.some(r => r.url)
              ? `Runs are not linked to the Kubeflow UI: set mlops.kubeflow.instances[].uiUrl for instance '${view.kubeflowInstance}'.`
              : undefined
          }
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
