import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  ROLLOUT_MEASUREMENTS,
  RolloutRecord,
} from '@mlops-portal/plugin-mlops-common';
import { MeasurementEvent } from './MeasurementChart';

const rate = (successes?: number, trials?: number) =>
  trials ? `${((100 * (successes ?? 0)) / trials).toFixed(2)}%` : '—';

/**
 * An A/B test at a glance: its plan, each arm's success rate so far, and how far both arms are from the planned
 * sample. The verdict (with its p-value) is the rollout's state reason once the sample is reached; until then
 * the figures are shown, not judged.
 */
export function AbTestSummary(props: {
  rollout: RolloutRecord;
  measurements: MeasurementEvent[];
}) {
  const plan = props.rollout.abTest!;
  const latest = (metric: string) =>
    [...props.measurements]
      .reverse()
      .find(m => m.metric === metric && m.phase === 'Successful');
  const trials = latest(ROLLOUT_MEASUREMENTS.abTrials);
  const successes = latest(ROLLOUT_MEASUREMENTS.abSuccesses);
  const smaller = Math.min(trials?.value ?? 0, trials?.stableValue ?? 0);
  const progress = Math.min(100, (100 * smaller) / plan.plannedPerArm);
  return (
    <div aria-label="A/B test" style={{ margin: '16px 0' }}>
      <Typography variant="subtitle2">
        {`A/B test: ${plan.candidateShare}% to the candidate, ${
          plan.plannedPerArm
        } trials per arm planned (baseline ${(plan.baselineRate * 100).toFixed(
          1,
        )}%, detectable change ${(plan.minimumDetectableEffect * 100).toFixed(
          1,
        )} points, α ${plan.alpha}, power ${plan.power})`}
      </Typography>
      <Typography variant="body2">
        {`Stable: ${successes?.stableValue ?? 0} of ${
          trials?.stableValue ?? 0
        } (${rate(successes?.stableValue, trials?.stableValue)}) · Candidate: ${
          successes?.value ?? 0
        } of ${trials?.value ?? 0} (${rate(successes?.value, trials?.value)})`}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={progress}
        aria-label="Planned sample reached"
      />
      {props.rollout.pendingPromotionId && (
        <Typography variant="body2" color="primary">
          {`The test recommends promoting v${props.rollout.candidateVersion}; '${props.rollout.alias}' is protected, so promotion ${props.rollout.pendingPromotionId} awaits a second person's approval on the Registry tab. The split is held until then.`}
        </Typography>
      )}
      <Typography variant="caption">
        {progress < 100
          ? `${progress.toFixed(
              0,
            )}% of the planned sample: no verdict before it is reached`
          : 'Planned sample reached'}
      </Typography>
    </div>
  );
}
