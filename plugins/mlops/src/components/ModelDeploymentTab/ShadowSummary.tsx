import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  ROLLOUT_MEASUREMENTS,
  RolloutAnalysisSummary,
  RolloutRecord,
  ShadowPlan,
} from '@mlops-portal/plugin-mlops-common';
import { MeasurementEvent } from './MeasurementChart';

const PSI = ROLLOUT_MEASUREMENTS.predictionPsi;
const JS = ROLLOUT_MEASUREMENTS.predictionJs;

/** The shadow's comparisons as chart metrics: each below its limit. */
export function shadowComparisonMetrics(
  plan: ShadowPlan,
): RolloutAnalysisSummary[] {
  const metric = (name: string, threshold: number) => ({
    name,
    successCondition: { operator: '<' as const, threshold },
    intervalSeconds: plan.intervalSeconds,
    count: Math.ceil(plan.durationSeconds / plan.intervalSeconds),
  });
  return [metric(PSI, plan.maxPsi), metric(JS, plan.maxJensenShannon)];
}

/**
 * A shadow at a glance: how alike the candidate's predictions are to stable's so far (PSI and Jensen–Shannon
 * distance of the two prediction histograms, with their limits and the counts), and how much of the shadow
 * period has passed. The verdict comes at the end of the period and is the rollout's state reason.
 */
export function ShadowSummary(props: {
  rollout: RolloutRecord;
  measurements: MeasurementEvent[];
}) {
  const { rollout } = props;
  const plan = rollout.shadow!;
  const latest = (metric: string) =>
    [...props.measurements]
      .reverse()
      .find(m => m.metric === metric && m.value !== undefined);
  const psi = latest(PSI);
  const js = latest(JS);
  const started = rollout.stepStartedAt
    ? Date.parse(rollout.stepStartedAt)
    : undefined;
  const elapsed =
    started === undefined
      ? 0
      : Math.min(
          100,
          (100 * (Date.now() - started)) / (plan.durationSeconds * 1000),
        );
  const active = rollout.state === 'Progressing' || rollout.state === 'Paused';
  return (
    <div aria-label="Shadow comparison" style={{ margin: '16px 0' }}>
      <Typography variant="subtitle2">
        {`Shadow: v${
          rollout.candidateVersion
        } answers a copy of every request to v${
          rollout.baselineVersion ?? '–'
        }; its answers are discarded. Limits: PSI < ${
          plan.maxPsi
        }, Jensen–Shannon < ${plan.maxJensenShannon}, at least ${
          plan.minPredictions
        } predictions.`}
      </Typography>
      <Typography variant="body2">
        {psi && js
          ? `Predictions so far: PSI ${psi.value!.toFixed(
              3,
            )} · Jensen–Shannon ${js.value!.toFixed(3)} (${psi.message ?? ''})`
          : 'No predictions compared yet'}
      </Typography>
      {active && (
        <>
          <LinearProgress
            variant="determinate"
            value={elapsed}
            aria-label="Shadow period passed"
          />
          <Typography variant="caption">
            {`${elapsed.toFixed(0)}% of the ${Math.round(
              plan.durationSeconds / 60,
            )}-minute shadow period: the verdict comes at its end`}
          </Typography>
        </>
      )}
    </div>
  );
}
