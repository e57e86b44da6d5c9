import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  DriftReport,
  FeatureDriftResult,
} from '@mlops-portal/plugin-mlops-common';

/**
 * How far a score is towards its threshold, as a bar that is half full at the threshold. For `chisquare` the
 * score is a p-value, where drift is a *small* value, so the bar fills as p falls below the threshold.
 */
function towardsThreshold(f: FeatureDriftResult): number {
  const ratio =
    f.method === 'chisquare'
      ? f.threshold / Math.max(f.score, 1e-12)
      : f.score / f.threshold;
  return Math.min(100, ratio * 50);
}

/** The score over the last windows against its threshold (dashed), 80 × 24 px. */
function Sparkline(props: { feature: FeatureDriftResult }) {
  const { trend = [], threshold, feature } = props.feature;
  if (trend.length < 2) {
    return <span>—</span>;
  }
  const max = Math.max(...trend, threshold) * 1.1 || 1;
  const x = (i: number) => (i / (trend.length - 1)) * 78 + 1;
  const y = (v: number) => 23 - (v / max) * 22;
  return (
    <svg
      width={80}
      height={24}
      role="img"
      aria-label={`${feature} trend: ${trend
        .map(v => v.toPrecision(2))
        .join(', ')}`}
    >
      <line
        x1={0}
        x2={80}
        y1={y(threshold)}
        y2={y(threshold)}
        stroke="#d32f2f"
        strokeDasharray="3 2"
      />
      <polyline
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        points={trend
          .map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`)
          .join(' ')}
      />
    </svg>
  );
}

const columns: TableColumn<FeatureDriftResult>[] = [
  { title: 'Feature', field: 'feature' },
  { title: 'Kind', field: 'kind' },
  { title: 'Method', field: 'method' },
  {
    title: 'Score against threshold',
    render: f => (
      <div style={{ minWidth: 160 }}>
        <LinearProgress
          variant="determinate"
          value={towardsThreshold(f)}
          color={f.drifted ? 'secondary' : 'primary'}
          aria-label={`${f.feature} score ${f.score.toPrecision(
            3,
          )}, threshold ${f.threshold}`}
        />
        <Typography variant="caption">
          {f.method === 'chisquare'
            ? `p = ${f.score.toPrecision(3)} (drift below ${f.threshold})`
            : `${f.score.toPrecision(3)} (drift at ${f.threshold})`}
        </Typography>
      </div>
    ),
  },
  {
    title: 'Trend',
    render: f => <Sparkline feature={f} />,
  },
  {
    title: 'Drifted',
    render: f =>
      f.drifted ? (
        <Chip size="small" color="secondary" label="drifted" />
      ) : (
        'no'
      ),
  },
  {
    title: 'Samples',
    render: f => (f.samples === undefined ? '—' : Math.round(f.samples)),
  },
];

const VERDICTS: Record<DriftReport['verdict'], string> = {
  drifted: 'Dataset drifted',
  stable: 'No dataset drift',
  'insufficient-data': 'Not enough data yet',
  unknown: 'Drift unknown',
};

/** One row per feature, with the dataset verdict and where the reference came from. */
export function DriftTable(props: { drift: DriftReport }) {
  const { drift } = props;
  const source =
    drift.source === 'gauges'
      ? 'scores exported by a monitoring job'
      : `computed from feature histograms over the last ${drift.window}`;
  const reference = drift.reference
    ? `; reference ${new Date(drift.reference.capturedAt).toLocaleString()}${
        drift.reference.version ? ` (v${drift.reference.version})` : ''
      }: ${drift.reference.reason}`
    : '';
  return (
    <Table<FeatureDriftResult>
      title={`${VERDICTS[drift.verdict]}: ${(drift.share * 100).toFixed(
        0,
      )}% of features drifted (dataset drifts at ${(
        drift.driftShare * 100
      ).toFixed(0)}%)`}
      subtitle={
        drift.source === 'none'
          ? drift.message
          : `${source}${reference}${drift.message ? `. ${drift.message}` : ''}`
      }
      options={{
        paging: drift.features.length > 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={drift.features}
    />
  );
}
