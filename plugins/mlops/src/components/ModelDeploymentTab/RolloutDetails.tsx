import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { RolloutAction } from '../../api/MlopsApi';
import { AbTestSummary } from './AbTestSummary';
import { BlueGreenSummary } from './BlueGreenSummary';
import { MeasurementChart, MeasurementEvent } from './MeasurementChart';
import { ShadowSummary, shadowComparisonMetrics } from './ShadowSummary';
import {
  actionLabel,
  rolloutActions,
  stepLabel,
  strategyNames,
} from './strategyText';

const measurementColumns: TableColumn<MeasurementEvent>[] = [
  { title: 'Time', render: m => new Date(m.at).toLocaleTimeString() },
  { title: 'Step', render: m => m.stepIndex + 1 },
  { title: 'Metric', field: 'metric' },
  { title: 'Phase', field: 'phase' },
  {
    title: 'Candidate',
    render: m => (m.value === undefined ? '—' : m.value.toPrecision(3)),
  },
  {
    title: 'Stable',
    render: m =>
      m.stableValue === undefined ? '—' : m.stableValue.toPrecision(3),
  },
  { title: 'Note', render: m => m.message ?? '' },
];

/** @public */
export interface RolloutDetailsProps {
  rollout: RolloutRecord;
  canManage: boolean;
  deniedReason: string;
  onAction(action: RolloutAction): void;
}

/**
 * One rollout: its steps as a stepper, its state and reason, the control buttons, the strategy's summary (A/B
 * counts, shadow comparison, blue-green phase), a chart per analysis metric (and per shadow comparison) against
 * its thresholds, and every measurement in a table.
 */
export function RolloutDetails(props: RolloutDetailsProps) {
  const { rollout } = props;
  const measurements = (rollout.events ?? []).filter(
    (e): e is MeasurementEvent => e.type === 'measurement',
  );
  const actions = rolloutActions(rollout);
  const charts = [
    ...rollout.analysisMetrics,
    ...(rollout.shadow ? shadowComparisonMetrics(rollout.shadow) : []),
  ];
  return (
    <InfoCard
      title={`${strategyNames[rollout.strategy] ?? 'Rollout'} of v${
        rollout.candidateVersion
      } (${rollout.strategy === 'shadow' ? 'champion' : rollout.alias} was v${
        rollout.baselineVersion ?? '–'
      })`}
      subheader={`${rollout.target.platform} ${rollout.target.cluster}/${rollout.target.namespace}/${rollout.target.name}, started by ${rollout.createdBy}`}
    >
      <Chip
        label={rollout.state}
        color={rollout.state === 'Succeeded' ? 'primary' : 'default'}
      />
      {rollout.stateReason && (
        <Typography variant="body2" component="span" style={{ marginLeft: 8 }}>
          {rollout.stateReason}
        </Typography>
      )}
      <Stepper
        activeStep={
          rollout.state === 'Succeeded'
            ? rollout.steps.length
            : rollout.stepIndex
        }
        aria-label="Rollout steps"
      >
        {rollout.steps.map((step, index) => (
          <Step key={index}>
            <StepLabel>{stepLabel(rollout, step, index)}</StepLabel>
          </Step>
        ))}
      </Stepper>
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
        {charts.map(metric => (
          <MeasurementChart
            key={metric.name}
            metric={metric}
            measurements={measurements.filter(m => m.metric === metric.name)}
          />
        ))}
      </div>
      <Table<MeasurementEvent>
        title={`Measurements (${measurements.length})`}
        options={{
          paging: measurements.length > 10,
          search: false,
          padding: 'dense',
          toolbar: true,
        }}
        columns={measurementColumns}
        data={[...measurements].reverse()}
      />
    </InfoCard>
  );
}
