import Typography from '@material-ui/core/Typography';
import {
  ROLLOUT_MEASUREMENTS,
  RolloutRecord,
} from '@mlops-portal/plugin-mlops-common';
import { MeasurementEvent } from './MeasurementChart';
import { switchedToGreen } from './strategyText';

/**
 * A blue-green at a glance: which colour serves, green's readiness (and the smoke requests it must pass) while
 * it is being deployed, and until when blue stays warm after the switch (while a switch back is instant).
 */
export function BlueGreenSummary(props: {
  rollout: RolloutRecord;
  measurements: MeasurementEvent[];
}) {
  const { rollout } = props;
  const plan = rollout.blueGreen!;
  const blue = `blue v${rollout.baselineVersion ?? '–'}`;
  const green = `green v${rollout.candidateVersion}`;
  const readiness = [...props.measurements]
    .reverse()
    .find(m => m.metric === ROLLOUT_MEASUREMENTS.readiness);
  const active = rollout.state === 'Progressing' || rollout.state === 'Paused';
  let text: string;
  if (!active) {
    text = `Blue-green ended ${rollout.state}.`;
  } else if (switchedToGreen(rollout)) {
    const warmUntil = new Date(
      Date.parse(rollout.stepStartedAt!) + plan.warmSeconds * 1000,
    );
    text = `${green} serves all traffic; ${blue} stays warm until ${warmUntil.toLocaleTimeString()}, so switching back is instant. Then the alias moves and blue is scaled down.`;
  } else {
    const smoke = plan.smokeRequests?.length
      ? `, then ${
          plan.smokeRequests.length
        } smoke request(s) (${plan.smokeRequests
          .map(r => r.name)
          .join(', ')}) must pass`
      : '';
    text = `${blue} serves all traffic while ${green} is deployed at 0%: ${
      readiness?.message ?? 'waiting for the operator'
    }${smoke} (gives up after ${plan.readinessTimeoutSeconds} s).`;
  }
  return (
    <div aria-label="Blue-green" style={{ margin: '16px 0' }}>
      <Typography variant="body2">{text}</Typography>
    </div>
  );
}
