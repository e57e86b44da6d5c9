import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  isModelEntity,
  PredictorHealth,
} from '@mlops-portal/plugin-mlops-common';
import { milliseconds, percent } from '../format';
import { HealthStatusLight } from '../ModelHealthCard/HealthStatusLight';
import { useModelHealth } from '../ModelHealthCard/useModelHealth';
import { AlertsTable } from './AlertsTable';
import { DriftTable } from './DriftTable';
import { HealthCharts } from './HealthCharts';
import { RetrainingTable } from './RetrainingTable';
import { ScoringRunsTable } from './ScoringRunsTable';

const nowrap = { whiteSpace: 'nowrap', wordBreak: 'normal' } as const;
/** Latency quantiles are named as written (p95), not upper-cased as Backstage's Table does its headers. */
const asWritten = { textTransform: 'none' } as const;

const predictorColumns: TableColumn<PredictorHealth>[] = [
  { title: 'Predictor', field: 'predictor', cellStyle: nowrap },
  {
    title: 'Version',
    cellStyle: nowrap,
    render: p => (p.version ? `v${p.version}` : '—'),
  },
  {
    title: 'Requests/s',
    cellStyle: nowrap,
    render: p => p.requestsPerSecond?.toFixed(1) ?? '—',
  },
  { title: 'Error rate', cellStyle: nowrap, render: p => percent(p.errorRate) },
  {
    title: 'p50',
    headerStyle: asWritten,
    cellStyle: nowrap,
    render: p => milliseconds(p.latency.p50),
  },
  {
    title: 'p95',
    headerStyle: asWritten,
    cellStyle: nowrap,
    render: p => milliseconds(p.latency.p95),
  },
  {
    title: 'p99',
    headerStyle: asWritten,
    cellStyle: nowrap,
    render: p => milliseconds(p.latency.p99),
  },
];

/** The scoring pipeline's full ref (kind and namespace filled from the model), or undefined. */
function scoringPipelineRef(
  ref: string | undefined,
  namespace: string | undefined,
): string | undefined {
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'pipeline',
        defaultNamespace: namespace ?? 'default',
      }),
    );
  } catch {
    return ref;
  }
}

/**
 * The Monitoring tab of a Model: status with reasons, per-version traffic/error/latency charts over a chosen
 * range, the alerts labelled with the model, per-feature drift, and the runs started on drift. A batch model
 * (`spec.serving.mode: batch`) shows its scoring runs instead of traffic charts and served versions: it answers
 * no requests. Sources that failed are named, and their part shows as unknown. Refreshes every 30 seconds.
 *
 * @public
 */
export function ModelMonitoringTab() {
  const { entity } = useEntity();
  const { value, loading, error, entityRef } = useModelHealth();
  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return (
      <ResponseErrorPanel
        error={error}
        title={`Model health: ${error.message}`}
      />
    );
  }
  const health = value!;
  const failed = health.sources.filter(s => !s.ok);
  const serving = isModelEntity(entity) ? entity.spec.serving : undefined;
  const batch = serving?.mode === 'batch' || health.servingMode === 'batch';
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
                <Typography variant="body2" style={{ wordBreak: 'normal' }}>
                  {reason}
                </Typography>
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
      {batch ? (
        <Grid item xs={12}>
          <ScoringRunsTable
            scoringPipeline={scoringPipelineRef(
              serving?.scoringPipeline,
              entity.metadata.namespace,
            )}
          />
        </Grid>
      ) : (
        <>
          <Grid item xs={12}>
            <HealthCharts entityRef={entityRef} health={health} />
          </Grid>
          <Grid item xs={12}>
            <div style={{ overflowX: 'auto' }}>
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
            </div>
          </Grid>
        </>
      )}
      <Grid item xs={12}>
        <DriftTable drift={health.drift} alerts={health.alerts} />
      </Grid>
      <Grid item xs={12}>
        <AlertsTable alerts={health.alerts} />
      </Grid>
      <Grid item xs={12}>
        <RetrainingTable entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}
