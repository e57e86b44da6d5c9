import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { AbTestRequest } from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import { SubmitDialog } from '../SubmitDialog/SubmitDialog';

const fields = [
  {
    key: 'candidateShare',
    label: 'Candidate share of traffic (%)',
    initial: '50',
    help: 'Held for the whole test',
  },
  {
    key: 'baselineRate',
    label: 'Baseline success rate (%)',
    initial: '10',
    help: "The stable version's rate today, e.g. conversions per request",
  },
  {
    key: 'minimumDetectableEffect',
    label: 'Smallest change worth detecting (percentage points)',
    initial: '2',
    help: 'Smaller changes need more traffic before a verdict',
  },
] as const;

/**
 * Starts an A/B test of a version: the split and the figures its sample size is planned from (α 0.05, power
 * 0.8). The backend computes the planned sample; a rejection (e.g. failing quality gates) stays in the dialog.
 */
export function AbTestDialog(props: {
  open: boolean;
  version: string;
  onClose(): void;
  onStart(abTest: AbTestRequest): Promise<void>;
}) {
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(fields.map(f => [f.key, f.initial])),
  );
  const numbers = Object.fromEntries(
    fields.map(f => [f.key, Number(values[f.key])]),
  );
  const valid = fields.every(
    f => values[f.key].trim() !== '' && Number.isFinite(numbers[f.key]),
  );
  return (
    <SubmitDialog
      open={props.open}
      title={`A/B test v${props.version}`}
      submitLabel="Start A/B test"
      canSubmit={valid}
      onClose={props.onClose}
      onSubmit={async () => {
        await props.onStart({
          candidateShare: numbers.candidateShare,
          baselineRate: numbers.baselineRate / 100,
          minimumDetectableEffect: numbers.minimumDetectableEffect / 100,
        });
        props.onClose();
      }}
    >
      <Typography variant="body2">
        The split is held until both versions have served the planned number of
        requests; only then does a two-proportion z-test decide: promote, roll
        back, or pause for you when there is no significant difference.
      </Typography>
      {fields.map(f => (
        <TextField
          key={f.key}
          id={`mlops-abtest-${f.key}`}
          label={f.label}
          helperText={f.help}
          value={values[f.key]}
          onChange={e => setValues({ ...values, [f.key]: e.target.value })}
          type="number"
          required
          fullWidth
          margin="normal"
        />
      ))}
    </SubmitDialog>
  );
}
