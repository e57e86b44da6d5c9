import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { isModelEntity } from '@mlops-portal/plugin-mlops-common';
import { milliseconds, percent } from '../format';
import { HealthStatusLight } from './HealthStatusLight';
import { useModelHealth } from './useModelHealth';

/**
 * One line of the card: the whole text when it fits, else cut with an ellipsis, the whole text in its tooltip
 * (the Monitoring tab shows every reason in full).
 */
function Line(props: { text: string }) {
  return (
    <Typography variant="body2" noWrap title={props.text}>
      {props.text}
    </Typography>
  );
}

/**
 * A Model's health at a glance, for its overview: the status light with its reasons and each served version's
 * traffic, error rate and p99 — or, for a batch model, that it is scored in pipeline runs. Refreshes every 30
 * seconds.
 *
 * @public
 */
export function ModelHealthCard() {
  const { entity } = useEntity();
  const { value, loading, error } = useModelHealth();
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
  const serving = isModelEntity(entity) ? entity.spec.serving : undefined;
  const batch = serving?.mode === 'batch' || health.servingMode === 'batch';
  return (
    <InfoCard
      title="Model health"
      subheader={`Prometheus ${health.prometheus}, last ${health.window}`}
    >
      <HealthStatusLight status={health.status} />
      <ul aria-label="Health reasons" style={{ paddingLeft: 20 }}>
        {health.reasons.map(reason => (
          <li key={reason}>
            <Line text={reason} />
          </li>
        ))}
      </ul>
      {batch ? (
        <Line
          text={`Batch model: scored in runs of ${
            serving?.scoringPipeline ?? 'its scoring pipeline'
          }, so no request traffic is expected`}
        />
      ) : (
        health.predictors.map(p => (
          <Line
            key={p.predictor}
            text={`${p.predictor}${p.version ? ` v${p.version}` : ''}: ${
              p.requestsPerSecond?.toFixed(1) ?? '—'
            } req/s, errors ${percent(p.errorRate)}, p99 ${milliseconds(
              p.latency.p99,
            )}`}
          />
        ))
      )}
    </InfoCard>
  );
}
