import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { StartRolloutRequest } from '../../api/MlopsApi';
import { SubmitDialog } from '../SubmitDialog/SubmitDialog';
import { PlanForm } from './rolloutPlanForms';

const initialValues = (form: PlanForm) =>
  Object.fromEntries(form.fields.map(f => [f.key, f.initial]));

/**
 * Starts a rollout of a version with a strategy's plan ({@link PlanForm}): A/B test, shadow or blue-green. The
 * backend checks the figures and the version (quality gates); a rejection stays in the dialog.
 */
export function RolloutPlanDialog(props: {
  form: PlanForm;
  open: boolean;
  version: string;
  onClose(): void;
  onStart(
    plan: Pick<
      StartRolloutRequest,
      'strategy' | 'abTest' | 'shadow' | 'blueGreen'
    >,
  ): Promise<void>;
}) {
  const { form } = props;
  const [values, setValues] = useState(initialValues(form));
  useEffect(() => setValues(initialValues(form)), [form]);
  const numbers = Object.fromEntries(
    form.fields.map(f => [f.key, Number(values[f.key])]),
  );
  const valid = form.fields.every(
    f => values[f.key]?.trim() !== '' && Number.isFinite(numbers[f.key]),
  );
  return (
    <SubmitDialog
      open={props.open}
      title={`${form.buttonLabel} v${props.version}`}
      submitLabel={form.submitLabel}
      canSubmit={valid}
      onClose={props.onClose}
      onSubmit={async () => {
        await props.onStart({
          strategy: form.strategy,
          ...form.toRequest(numbers),
        });
        props.onClose();
      }}
    >
      <Typography variant="body2">{form.explanation}</Typography>
      {form.fields.map(f => (
        <TextField
          key={f.key}
          id={`mlops-${form.strategy}-${f.key}`}
          label={f.label}
          helperText={f.help}
          value={values[f.key] ?? ''}
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
