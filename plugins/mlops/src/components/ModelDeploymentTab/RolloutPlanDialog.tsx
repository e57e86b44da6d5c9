import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ModelEntityV1alpha1,
  RolloutRecord,
} from '@mlops-portal/plugin-mlops-common';
import { useEffect, useRef, useState } from 'react';
import { StartRolloutRequest } from '../../api/MlopsApi';
import { SubmitDialog } from '../SubmitDialog/SubmitDialog';
import { PlanForm, PlanRequestPart } from './rolloutPlanForms';

/** What the dialog asks the backend to start (or to plan, for a dry run). */
export type PlanRequest = PlanRequestPart &
  Pick<StartRolloutRequest, 'strategy' | 'reason'>;

const initialValues = (form: PlanForm) =>
  Object.fromEntries(form.fields.map(f => [f.key, f.initial]));

const parseList = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(part => part !== '')
    .map(Number);

/**
 * Confirms the start of a rollout of a version with a strategy's plan ({@link PlanForm}): canary, A/B test, shadow
 * or blue-green. Nothing starts without a reason, which the rollout keeps in its timeline. A form with defaults
 * from the backend (the canary's steps and analysis) asks for a dry run as it opens, so the plan shown is the
 * plan that would run and can be edited. "Check plan" asks the backend for a dry run of the edited plan and shows
 * what it would do. The backend checks the figures and the version (quality gates); a rejection stays in the
 * dialog.
 */
export function RolloutPlanDialog(props: {
  form: PlanForm;
  open: boolean;
  version: string;
  /** The Model, for its metrics' display names in the plan's description. */
  model?: ModelEntityV1alpha1;
  onClose(): void;
  onStart(plan: PlanRequest): Promise<void>;
  /** Asks the backend what starting `plan` would do (a dry run: every check, nothing started). */
  onPreview(plan: PlanRequest): Promise<RolloutRecord>;
}) {
  const { form, model, onPreview } = props;
  const [values, setValues] = useState(initialValues(form));
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<string>();
  const [defaultsError, setDefaultsError] = useState<string>();
  // The defaults are read once per form shown, not again for each render's new callback.
  const latest = useRef({ onPreview, model });
  latest.current = { onPreview, model };
  useEffect(() => {
    setValues(initialValues(form));
    setPreview(undefined);
    setDefaultsError(undefined);
    if (!form.fromPlan) {
      return undefined;
    }
    let current = true;
    latest.current.onPreview({ strategy: form.strategy }).then(
      plan => {
        if (current) {
          setValues(v => ({ ...v, ...form.fromPlan!(plan) }));
          setPreview(form.describe(plan, latest.current.model));
        }
      },
      error => {
        if (current) {
          setDefaultsError(
            `Could not read the default plan: ${(error as Error).message}`,
          );
        }
      },
    );
    return () => {
      current = false;
    };
  }, [form]);
  const numbers = Object.fromEntries(
    form.fields.filter(f => !f.list).map(f => [f.key, Number(values[f.key])]),
  );
  const lists = Object.fromEntries(
    form.fields.filter(f => f.list).map(f => [f.key, parseList(values[f.key])]),
  );
  const allNumbers = form.fields.every(f =>
    f.list
      ? lists[f.key].length > 0 && lists[f.key].every(Number.isFinite)
      : values[f.key]?.trim() !== '' && Number.isFinite(numbers[f.key]),
  );
  const problem = allNumbers ? form.problem?.(numbers, lists) : undefined;
  const reasonGiven = reason.trim().length >= 3;
  const plan = (): PlanRequest => ({
    strategy: form.strategy,
    ...form.toRequest(numbers, lists),
  });
  return (
    <SubmitDialog
      open={props.open}
      title={`${form.buttonLabel} v${props.version}`}
      submitLabel={form.submitLabel}
      canSubmit={allNumbers && !problem && reasonGiven}
      onClose={props.onClose}
      onSubmit={async () => {
        await props.onStart({ ...plan(), reason: reason.trim() });
        props.onClose();
      }}
      secondary={{
        label: 'Check plan',
        // Checking the plan needs no reason: only starting it does.
        canRun: allNumbers && !problem,
        onClick: async () => {
          setPreview(undefined);
          setPreview(form.describe(await onPreview(plan()), model));
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
          type={f.list ? 'text' : 'number'}
          required
          fullWidth
          margin="normal"
        />
      ))}
      <TextField
        id={`mlops-${form.strategy}-reason`}
        label="Reason"
        helperText="Required, at least 3 characters; kept in the rollout's timeline"
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        fullWidth
        multiline
        minRows={2}
        margin="normal"
      />
      {problem && (
        <Typography variant="body2" color="error">
          {problem}
        </Typography>
      )}
      {defaultsError && (
        <Typography variant="body2" color="error">
          {defaultsError}
        </Typography>
      )}
      {preview && (
        <Typography variant="body2" color="primary" role="status">
          {preview}
        </Typography>
      )}
    </SubmitDialog>
  );
}
