import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { PipelineParameter } from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import { SubmitDialog } from '../SubmitDialog/SubmitDialog';

/** A form value typed back as the parameter's type; `undefined` for an empty optional field. */
function typed(p: PipelineParameter, text: string): unknown {
  if (text === '') return undefined;
  if (p.type === 'NUMBER_DOUBLE' || p.type === 'NUMBER_INTEGER') {
    return Number(text);
  }
  if (p.type === 'BOOLEAN') return text === 'true';
  if (p.type === 'LIST' || p.type === 'STRUCT') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The "Run pipeline" dialog: one field per parameter of the pipeline's latest version, prefilled with its
 * default. The backend checks the values against the declared types; its message stays in the dialog.
 */
export function RunPipelineDialog(props: {
  open: boolean;
  parameters: PipelineParameter[];
  onClose(): void;
  onRun(parameters: Record<string, unknown>): Promise<void>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const value = (p: PipelineParameter) =>
    values[p.name] ?? asText(p.defaultValue);
  return (
    <SubmitDialog
      open={props.open}
      title="Run pipeline"
      submitLabel="Start run"
      onClose={props.onClose}
      onSubmit={async () => {
        await props.onRun(
          Object.fromEntries(
            props.parameters
              .map(p => [p.name, typed(p, value(p))] as const)
              .filter(([, v]) => v !== undefined),
          ),
        );
        setValues({});
      }}
    >
      {props.parameters.length === 0 && (
        <Typography variant="body2">
          This pipeline takes no parameters.
        </Typography>
      )}
      {props.parameters.map(p => (
        <TextField
          key={p.name}
          id={`run-parameter-${p.name}`}
          fullWidth
          margin="dense"
          label={`${p.name} (${p.type.toLowerCase().replace('number_', '')})`}
          required={!p.optional && p.defaultValue === undefined}
          value={value(p)}
          onChange={e => setValues({ ...values, [p.name]: e.target.value })}
        />
      ))}
    </SubmitDialog>
  );
}
