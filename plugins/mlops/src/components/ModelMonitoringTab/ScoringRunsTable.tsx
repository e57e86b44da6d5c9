import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { PipelineRunSummary } from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api/MlopsApi';
import { span } from '../format';

const nowrap = { whiteSpace: 'nowrap', wordBreak: 'normal' } as const;

const columns: TableColumn<PipelineRunSummary>[] = [
  {
    title: 'Run',
    cellStyle: nowrap,
    render: r => (r.url ? <Link to={r.url}>{r.name}</Link> : r.name),
  },
  {
    title: 'State',
    cellStyle: nowrap,
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
  { title: 'Took', cellStyle: nowrap, render: r => span(r.durationSeconds) },
  {
    title: 'Why it failed',
    cellStyle: { wordBreak: 'normal' },
    render: r => r.error ?? '',
  },
];

/**
 * A batch model's scoring runs: the Kubeflow runs of its `spec.serving.scoringPipeline`, read through the
 * pipeline runs API. What a batch model has instead of request rates.
 */
export function ScoringRunsTable(props: { scoringPipeline?: string }) {
  const { scoringPipeline } = props;
  const api = useApi(mlopsApiRef);
  const { value, error, loading } = useAsync(
    async () =>
      scoringPipeline ? api.getPipelineRuns(scoringPipeline) : undefined,
    [api, scoringPipeline],
  );
  const emptyText = scoringPipeline
    ? 'No scoring run yet.'
    : 'This batch model names no scoring pipeline (spec.serving.scoringPipeline), so its runs cannot be shown.';
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<PipelineRunSummary>
        title="Scoring runs"
        subtitle={
          error
            ? `Could not load the runs of ${scoringPipeline}: ${error.message}`
            : undefined
        }
        isLoading={loading}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value?.runs ?? []}
        emptyContent={
          <div style={{ padding: 16 }}>
            <Typography variant="body2">{emptyText}</Typography>
          </div>
        }
      />
      {scoringPipeline && (
        <Typography variant="caption" component="p" style={{ marginTop: 8 }}>
          Batch model: scored in runs of{' '}
          <EntityRefLink entityRef={scoringPipeline} defaultKind="pipeline" />,
          so it has no request rate or latency to chart.
        </Typography>
      )}
    </div>
  );
}
