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

export const RANGES = ['15m', '1h', '6h', '24h', '7d'];

const charts: Array<{
  metric: HealthSeriesMetric;
  title: string;
  format: (v: number) => string;
  thresholds?: (t: ModelHealth['thresholds']) => ChartThreshold[];
}> = [
  {
    metric: 'requestsPerSecond',
    title: 'Traffic (requests/s)',
    format: v => v.toFixed(1),
  },
  {
    metric: 'errorRate',
    title: 'Error rate',
    format: v => `${(v * 100).toFixed(1)}%`,
    thresholds: t => [
      {
        value: t.errorRate.warning,
        label: `warning ${t.errorRate.warning * 100}%`,
      },
      {
        value: t.errorRate.critical,
        label: `critical ${t.errorRate.critical * 100}%`,
        severe: true,
      },
    ],
  },
  {
    metric: 'p99',
    title: 'Latency p99',
    format: v => `${Math.round(v * 1000)} ms`,
    thresholds: t => [
      {
        value: t.p99LatencySeconds.warning,
        label: `warning ${t.p99LatencySeconds.warning * 1000} ms`,
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
      {error && <ResponseErrorPanel error={error} title="Series" />}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
        {charts.map((c, i) => (
          <TimeSeriesChart
            key={c.metric}
            title={c.title}
            format={c.format}
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
