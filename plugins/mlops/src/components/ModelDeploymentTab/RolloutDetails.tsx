import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  ModelEntityV1alpha1,
  RolloutRecord,
} from '@mlops-portal/plugin-mlops-common';
import { RolloutAction } from '../../api/MlopsApi';
import { formatIn } from '../charts/chartUnits';
import { AbTestSummary } from './AbTestSummary';
import { PersonLink } from '../PersonLink/PersonLink';
import { analysisMetricDisplay } from './analysisMetricDisplay';
import { BlueGreenSummary } from './BlueGreenSummary';
import { MeasurementChart, MeasurementEvent } from './MeasurementChart';
import { RolloutStateChip, stateWords } from './RolloutStateChip';
import { RolloutTimeline } from './RolloutTimeline';
import { ShadowSummary, shadowComparisonMetrics } from './ShadowSummary';
import { StepCountdown } from './StepCountdown';
import {
  actionLabel,
  rolloutActions,
  rolloutTitle,
  stepLabel,
} from './strategyText';

const nowrap = { whiteSpace: 'nowrap' as const };

function measurementColumns(
  model: ModelEntityV1alpha1 | undefined,
): TableColumn<MeasurementEvent>[] {
  const value = (m: MeasurementEvent, raw: number | undefined) =>
    raw === undefined
      ? '—'
      : formatIn(analysisMetricDisplay(model, m.metric).unit, raw);
  return [
    {
      title: 'Time',
      cellStyle: nowrap,
      render: m => new Date(m.at).toLocaleTimeString(),
    },
    { title: 'Step', cellStyle: nowrap, render: m => m.stepIndex + 1 },
    {
      title: 'Metric',
      cellStyle: nowrap,
      render: m => analysisMetricDisplay(model, m.metric).title,
    },
    { title: 'Phase', field: 'phase', cellStyle: nowrap },
    { title: 'Candidate', cellStyle: nowrap, render: m => value(m, m.value) },
    {
      title: 'Stable',
      cellStyle: nowrap,
      render: m => value(m, m.stableValue),
    },
    {
      title: 'Note',
      // Long notes wrap between words, never inside one; the table scrolls in its card when it must.
      cellStyle: { minWidth: 240, wordBreak: 'normal', overflowWrap: 'normal' },
      render: m => m.message ?? '',
    },
  ];
}

/** @public */
export interface RolloutDetailsProps {
  rollout: RolloutRecord;
  /** The Model, for its metrics' display names. */
  model?: ModelEntityV1alpha1;
  /** The serving platform's name for people (e.g. "Seldon Core v1"); its key is shown without it. */
  platformTitle?: string;
  canManage: boolean;
  deniedReason: string;
  onAction(action: RolloutAction): void;
}

/** Whether a rollout still runs (the engine or a person will move it on). */
export const isActive = (rollout: RolloutRecord) =>
  rollout.state === 'Progressing' || rollout.state === 'Paused';

/**
 * The stepper of a rollout: steps passed are completed; the current step is active only while the rollout runs.
 * A rollout stopped before its end (aborted, rolled back, failed) marks the step where it stopped as an error,
 * not as current; a succeeded one has every step completed.
 */
function RolloutStepper(props: { rollout: RolloutRecord }) {
  const { rollout } = props;
  const running = isActive(rollout);
  const succeeded = rollout.state === 'Succeeded';
  return (
    <Stepper
      activeStep={running ? rollout.stepIndex : -1}
      aria-label="Rollout steps"
      style={{ overflowX: 'auto' }}
    >
      {rollout.steps.map((step, index) => {
        const stoppedHere =
          !running && !succeeded && index === rollout.stepIndex;
        return (
          <Step
            key={index}
            active={running && index === rollout.stepIndex}
            completed={succeeded || index < rollout.stepIndex}
          >
            <StepLabel
              error={stoppedHere}
              optional={
                stoppedHere ? (
                  <Typography variant="caption" color="error">
                    {stateWords[rollout.state]} here
                  </Typography>
                ) : undefined
              }
            >
              {stepLabel(rollout, step, index)}
            </StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
}

/**
 * One rollout: its steps as a stepper, its state (a colour per state) and reason, a countdown to the current
 * step's next decision, the control buttons, the strategy's summary (A/B counts, shadow comparison, blue-green
 * phase), a chart per analysis metric (and per shadow comparison) against its thresholds in ms and %, every
 * measurement in a table, and the timeline of its transitions.
 */
export function RolloutDetails(props: RolloutDetailsProps) {
  const { rollout, model } = props;
  const measurements = (rollout.events ?? []).filter(
    (e): e is MeasurementEvent => e.type === 'measurement',
  );
  const actions = rolloutActions(rollout);
  const charts = [
    ...rollout.analysisMetrics,
    ...(rollout.shadow ? shadowComparisonMetrics(rollout.shadow) : []),
  ];
  const { target } = rollout;
  return (
    <InfoCard
      title={rolloutTitle(rollout)}
      subheader={
        // One inline span: the subheader lays its children out as flex items, which drops the spaces between them.
        <span>
          {props.platformTitle ?? target.platform} {target.cluster}/
          {target.namespace}/{target.name}, started by{' '}
          <PersonLink entityRef={rollout.createdBy} /> at{' '}
          {new Date(rollout.createdAt).toLocaleString()}
        </span>
      }
    >
      <RolloutStateChip state={rollout.state} />
      {rollout.stateReason && (
        <Typography variant="body2" component="span" style={{ marginLeft: 8 }}>
          {rollout.stateReason}
        </Typography>
      )}
      <RolloutStepper rollout={rollout} />
      <StepCountdown rollout={rollout} />
      {actions.map(action => (
        <Tooltip key={action} title={props.canManage ? '' : props.deniedReason}>
          <span>
            <Button
              size="small"
              variant={action === 'abort' ? 'outlined' : 'text'}
              disabled={!props.canManage}
              onClick={() => props.onAction(action)}
            >
              {actionLabel(rollout, action)}
            </Button>
          </span>
        </Tooltip>
      ))}
      {rollout.abTest && (
        <AbTestSummary rollout={rollout} measurements={measurements} />
      )}
      {rollout.shadow && (
        <ShadowSummary rollout={rollout} measurements={measurements} />
      )}
      {rollout.blueGreen && (
        <BlueGreenSummary rollout={rollout} measurements={measurements} />
      )}
      <div
        style={{ display: 'flex', flexWrap: 'wrap', gap: 16, margin: '16px 0' }}
      >
        {charts.map(metric => {
          const display = analysisMetricDisplay(model, metric.name);
          return (
            <MeasurementChart
              key={metric.name}
              metric={metric}
              title={display.title}
              unit={display.unit}
              measurements={measurements.filter(m => m.metric === metric.name)}
            />
          );
        })}
      </div>
      <div style={{ overflowX: 'auto' }}>
        <Table<MeasurementEvent>
          title={`Measurements (${measurements.length})`}
          options={{
            paging: measurements.length > 10,
            search: false,
            padding: 'dense',
            toolbar: true,
          }}
          columns={measurementColumns(model)}
          data={[...measurements].reverse()}
        />
      </div>
      <RolloutTimeline events={rollout.events ?? []} />
    </InfoCard>
  );
}
