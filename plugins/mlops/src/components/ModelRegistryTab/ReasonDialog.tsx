import TextField from '@material-ui/core/TextField';
import { ReactNode, useState } from 'react';
import { SubmitDialog } from '../SubmitDialog/SubmitDialog';

/** @public */
export interface ReasonDialogProps {
  open: boolean;
  title: string;
  label: string;
  submitLabel: string;
  children?: ReactNode;
  /** Where the reason is kept, for the field's help; "kept in the promotion history" unless given. */
  keptIn?: string;
  onClose(): void;
  /** Resolves when done; a rejection's message is shown in the dialog. */
  onSubmit(reason: string): Promise<void>;
}

/**
 * A dialog that asks why before it acts (promote, roll back, approve, reject). It stays open and shows the error
 * when the action fails, so nothing typed is lost.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  return (
    <SubmitDialog
      open={props.open}
      title={props.title}
      submitLabel={props.submitLabel}
      canSubmit={reason.trim().length >= 3}
      onClose={props.onClose}
      onSubmit={async () => {
        await props.onSubmit(reason.trim());
        setReason('');
        props.onClose();
      }}
    >
      {props.children}
      <TextField
        id="mlops-reason-dialog-text"
        label={props.label}
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        helperText={`Required, at least 3 characters; ${
          props.keptIn ?? 'kept in the promotion history'
        }`}
      />
    </SubmitDialog>
  );
}
