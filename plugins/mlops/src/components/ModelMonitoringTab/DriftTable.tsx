import { Table, TableColumn, WarningPanel } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  DriftReport,
  FeatureDriftResult,
  ModelAlert,
} from '@mlops-portal/plugin-mlops-common';
import { driftHeading } from './driftHeading';
import {
  driftReferenceText,
  driftReferenceWarning,
} from './driftReferenceText';

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

/** Cells keep their words whole: the table scrolls inside its card rather than wrapping mid-word. */
const nowrap = { whiteSpace: 'nowrap', wordBreak: 'normal' } as const;

/** The drifted flag comes right after the feature, so it is seen first; kind and samples come last. */
const columns: TableColumn<FeatureDriftResult>[] = [
  { title: 'Feature', field: 'feature', cellStyle: nowrap },
  {
    title: 'Drifted',
    cellStyle: nowrap,
    render: f =>
      f.drifted ? (
        <Chip size="small" color="secondary" label="drifted" />
      ) : (
        'no'
      ),
  },
  {
    title: 'Score against threshold',
    cellStyle: nowrap,
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
    cellStyle: nowrap,
    render: f => <Sparkline feature={f} />,
  },
  {
    title: 'Method',
    cellStyle: nowrap,
    render: f => `${f.method} (${f.kind})`,
  },
  {
    title: 'Samples',
    cellStyle: nowrap,
    render: f => (f.samples === undefined ? '—' : Math.round(f.samples)),
  },
];

/**
 * One row per feature, under a heading that agrees with what fires (see {@link driftHeading}), with where the
 * scores come from and what they are compared with.
 */
export function DriftTable(props: {
  drift: DriftReport;
  alerts: ModelAlert[];
}) {
  const { drift, alerts } = props;
  const source =
    drift.source === 'gauges'
      ? 'scores exported by a monitoring job'
      : `computed from feature histograms over the last ${drift.window}`;
  const reference = drift.reference
    ? `; ${driftReferenceText(drift.reference)}`
    : '';
  const warning = driftReferenceWarning(drift.reference);
  return (
    <div style={{ overflowX: 'auto' }}>
      {warning && (
        <WarningPanel
          severity="warning"
          title="Drift reference is a fallback"
          message={warning}
          defaultExpanded
        />
      )}
      <Table<FeatureDriftResult>
        title={driftHeading(drift, alerts)}
        subtitle={
          drift.source === 'none'
            ? drift.message
            : `${source}${reference}${
                drift.message ? `. ${drift.message}` : ''
              }`
        }
        options={{
          paging: drift.features.length > 20,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={drift.features}
      />
    </div>
  );
}
