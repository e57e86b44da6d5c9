import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { milliseconds, percent } from '../format';
import { HealthStatusLight } from './HealthStatusLight';
import { useModelHealth } from './useModelHealth';

/**
 * A Model's health at a glance, for its overview: the status light with its reasons and each served version's
 * traffic, error rate and p99. Refreshes every 30 seconds.
 *
 * @public
 */
export function ModelHealthCard() {
  const { value, loading, error } = useModelHealth();
  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <ResponseErrorPanel error={error} title="Model health" />;
  }
  const health = value!;
  return (
    <InfoCard
      title="Model health"
      subheader={`Prometheus ${health.prometheus}, last ${health.window}`}
    >
      <HealthStatusLight status={health.status} />
      <List dense aria-label="Health reasons">
        {health.reasons.map(reason => (
          <ListItem key={reason}>
            <ListItemText primary={reason} />
          </ListItem>
        ))}
      </List>
      {health.predictors.map(p => (
        <Typography key={p.predictor} variant="body2">
          {`${p.predictor}${p.version ? ` v${p.version}` : ''}: ${
            p.requestsPerSecond?.toFixed(1) ?? '—'
          } req/s, errors ${percent(p.errorRate)}, p99 ${milliseconds(
            p.latency.p99,
          )}`}
        </Typography>
      ))}
    </InfoCard>
  );
}
