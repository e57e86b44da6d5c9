import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { PredictorHealth } from '@mlops-portal/plugin-mlops-common';
import { milliseconds, percent } from '../format';
import { HealthStatusLight } from '../ModelHealthCard/HealthStatusLight';
import { useModelHealth } from '../ModelHealthCard/useModelHealth';
import { AlertsTable } from './AlertsTable';
import { DriftTable } from './DriftTable';
import { HealthCharts } from './HealthCharts';
import { RetrainingTable } from './RetrainingTable';

const predictorColumns: TableColumn<PredictorHealth>[] = [
  { title: 'Predictor', field: 'predictor' },
  { title: 'Version', render: p => (p.version ? `v${p.version}` : '—') },
  { title: 'Requests/s', render: p => p.requestsPerSecond?.toFixed(1) ?? '—' },
  { title: 'Error rate', render: p => percent(p.errorRate) },
  { title: 'p50', render: p => milliseconds(p.latency.p50) },
  { title: 'p95', render: p => milliseconds(p.latency.p95) },
  { title: 'p99', render: p => milliseconds(p.latency.p99) },
];

/**
 * The Monitoring tab of a Model: status with reasons, per-version traffic/error/latency charts over a chosen
 * range, the alerts labelled with the model, per-feature drift, and the runs started on drift. Sources that failed are named, and their
 * part shows as unknown. Refreshes every 30 seconds.
 *
 * @public
 */
export function ModelMonitoringTab() {
  const { value, loading, error, entityRef } = useModelHealth();
  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <ResponseErrorPanel error={error} title="Model health" />;
  }
  const health = value!;
  const failed = health.sources.filter(s => !s.ok);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Status"
          subheader={`Prometheus ${health.prometheus}, last ${
            health.window
          }, checked ${new Date(health.checkedAt).toLocaleTimeString()}`}
        >
          <HealthStatusLight status={health.status} />
          <ul aria-label="Health reasons">
            {health.reasons.map(reason => (
              <li key={reason}>
                <Typography variant="body2">{reason}</Typography>
              </li>
            ))}
          </ul>
          {failed.map(s => (
            <Typography key={s.name} variant="body2" color="error">
              {`${s.name} unavailable: ${s.error}`}
            </Typography>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <HealthCharts entityRef={entityRef} health={health} />
      </Grid>
      <Grid item xs={12}>
        <Table<PredictorHealth>
          title="Served versions"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={predictorColumns}
          data={health.predictors}
          emptyContent={
            <div style={{ padding: 16 }}>
              No traffic in the last {health.window}.
            </div>
          }
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <AlertsTable alerts={health.alerts} />
      </Grid>
      <Grid item xs={12} md={6}>
        <DriftTable drift={health.drift} />
      </Grid>
      <Grid item xs={12}>
        <RetrainingTable entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}
