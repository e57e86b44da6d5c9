import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { StartRolloutRequest } from '../../api/MlopsApi';
import { SubmitDialog } from '../SubmitDialog/SubmitDialog';
import { PlanForm } from './rolloutPlanForms';

type PlanRequest = Pick<
  StartRolloutRequest,
  'strategy' | 'abTest' | 'shadow' | 'blueGreen'
>;

const initialValues = (form: PlanForm) =>
  Object.fromEntries(form.fields.map(f => [f.key, f.initial]));

/**
 * Starts a rollout of a version with a strategy's plan ({@link PlanForm}): A/B test, shadow or blue-green. The
 * backend checks the figures and the version (quality gates); a rejection stays in the dialog. "Check plan" asks
 * the backend for a dry run first and shows what it would do (e.g. the A/B test's planned sample per arm).
 */
export function RolloutPlanDialog(props: {
  form: PlanForm;
  open: boolean;
  version: string;
  onClose(): void;
  onStart(plan: PlanRequest): Promise<void>;
  /** Asks the backend what starting `plan` would do (a dry run: every check, nothing started). */
  onPreview(plan: PlanRequest): Promise<RolloutRecord>;
}) {
  const { form } = props;
  const [values, setValues] = useState(initialValues(form));
  const [preview, setPreview] = useState<string>();
  useEffect(() => {
    setValues(initialValues(form));
    setPreview(undefined);
  }, [form]);
  const numbers = Object.fromEntries(
    form.fields.map(f => [f.key, Number(values[f.key])]),
  );
  const valid = form.fields.every(
    f => values[f.key]?.trim() !== '' && Number.isFinite(numbers[f.key]),
  );
  const plan = (): PlanRequest => ({
    strategy: form.strategy,
    ...form.toRequest(numbers),
  });
  return (
    <SubmitDialog
      open={props.open}
      title={`${form.buttonLabel} v${props.version}`}
      submitLabel={form.submitLabel}
      canSubmit={valid}
      onClose={props.onClose}
      onSubmit={async () => {
        await props.onStart(plan());
        props.onClose();
      }}
      secondary={{
        label: 'Check plan',
        onClick: async () => {
          setPreview(undefined);
          setPreview(form.describe(await props.onPreview(plan())));
        },
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
          onChange={e => {
            setValues({ ...values, [f.key]: e.target.value });
            setPreview(undefined);
          }}
          type="number"
          required
          fullWidth
          margin="normal"
        />
      ))}
      {preview && (
        <Typography variant="body2" color="primary" role="status">
          {preview}
        </Typography>
      )}
    </SubmitDialog>
  );
}
