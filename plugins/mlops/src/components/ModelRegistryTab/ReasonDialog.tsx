import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';

/** @public */
export interface ReasonDialogProps {
  open: boolean;
  title: string;
  label: string;
  submitLabel: string;
  children?: ReactNode;
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const tooShort = reason.trim().length < 3;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(reason.trim());
      setReason('');
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
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
          helperText="Required, at least 3 characters; kept in the promotion history"
        />
        {error && (
          <Typography color="error" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={tooShort || busy}
          onClick={submit}
        >
          {props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
