import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  HealthSeriesMetric,
  ModelHealth,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api/MlopsApi';
import { ChartThreshold, TimeSeriesChart } from '../charts/TimeSeriesChart';
import {
  ChartUnit,
  formatIn,
  millisecondsOfSeconds,
  percentOfFraction,
  requestsPerSecond,
} from '../charts/chartUnits';

export const RANGES = ['15m', '1h', '6h', '24h', '7d'];

/**
 * The health charts. Values stay as the backend answers them (fractions, seconds); the units of
 * `charts/chartUnits` show them in the plugin's one convention, % and ms, as the Deployment tab's charts do.
 */
const charts: Array<{
  metric: HealthSeriesMetric;
  title: string;
  unit: ChartUnit;
  thresholds?: (t: ModelHealth['thresholds']) => ChartThreshold[];
}> = [
  {
    metric: 'requestsPerSecond',
    title: 'Traffic (requests/s)',
    unit: requestsPerSecond,
  },
  {
    metric: 'errorRate',
    title: 'Error rate',
    unit: percentOfFraction,
    thresholds: t => [
      {
        value: t.errorRate.warning,
        label: `warning ${formatIn(percentOfFraction, t.errorRate.warning)}`,
      },
      {
        value: t.errorRate.critical,
        label: `critical ${formatIn(percentOfFraction, t.errorRate.critical)}`,
        severe: true,
      },
    ],
  },
  {
    metric: 'p99',
    title: 'Latency p99',
    unit: millisecondsOfSeconds,
    thresholds: t => [
      {
        value: t.p99LatencySeconds.warning,
        label: `warning ${formatIn(
          millisecondsOfSeconds,
          t.p99LatencySeconds.warning,
        )}`,
      },
    ],
  },
];

/** Traffic, error rate and p99 per served version over a chosen range, with the status thresholds. */
export function HealthCharts(props: {
  entityRef: string;
  health: ModelHealth;
}) {
  const api = useApi(mlopsApiRef);
  const [range, setRange] = useState('1h');
  const { value, error } = useAsync(
    () =>
      Promise.all(
        charts.map(c => api.getHealthSeries(props.entityRef, c.metric, range)),
      ),
    [api, props.entityRef, range],
  );
  return (
    <InfoCard
      title="Traffic, errors and latency per version"
      action={
        <TextField
          select
          size="small"
          label="Range"
          value={range}
          onChange={e => setRange(e.target.value)}
          style={{ minWidth: 100, marginTop: 8 }}
        >
          {RANGES.map(r => (
            <MenuItem key={r} value={r}>
              {r}
            </MenuItem>
          ))}
        </TextField>
      }
    >
      {error && (
        <ResponseErrorPanel error={error} title={`Series: ${error.message}`} />
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
        {charts.map((c, i) => (
          <TimeSeriesChart
            key={c.metric}
            title={c.title}
            unit={c.unit}
            thresholds={c.thresholds?.(props.health.thresholds)}
            series={(value?.[i]?.series ?? []).map(s => ({
              name: `${s.predictor}${s.version ? ` v${s.version}` : ''}`,
              points: s.points,
            }))}
          />
        ))}
      </div>
    </InfoCard>
  );
}
