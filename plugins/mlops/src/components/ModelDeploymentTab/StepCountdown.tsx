import Typography from '@material-ui/core/Typography';
import { RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { durationText, stepSchedule } from './stepSchedule';

/**
 * The time left until the current step's next decision, counting down every second, with what the decision is
 * and when the next measurement is due ({@link stepSchedule}). Nothing once the rollout has ended.
 */
export function StepCountdown(props: { rollout: RolloutRecord }) {
  const [now, setNow] = useState(() => Date.now());
  const schedule = stepSchedule(props.rollout);
  useInterval(() => setNow(Date.now()), schedule?.decisionAt ? 1000 : null);
  if (!schedule) {
    return null;
  }
  if (schedule.decisionAt === undefined) {
    return (
      <Typography variant="body2" role="timer" paragraph>
        {schedule.note}
      </Typography>
    );
  }
  const left = schedule.decisionAt - now;
  const at = new Date(schedule.decisionAt).toLocaleTimeString();
  const measurement =
    schedule.nextMeasurementAt !== undefined
      ? ` Next measurement ${
          schedule.nextMeasurementAt > now
            ? `in ${durationText(schedule.nextMeasurementAt - now)}`
            : 'due now'
        }.`
      : '';
  return (
    <Typography variant="body2" role="timer" paragraph>
      <strong>
        Step {props.rollout.stepIndex + 1}:{' '}
        {left > 0
          ? `next decision in ${durationText(left)}`
          : 'next decision due now'}
      </strong>{' '}
      (at {at}): {schedule.decision}.{measurement}
    </Typography>
  );
}
