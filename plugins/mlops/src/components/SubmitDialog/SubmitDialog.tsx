import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';

/**
 * A dialog whose main button calls the backend: the button is disabled while the call runs (or while
 * `canSubmit` is false), and a rejection's message is shown inside the dialog, which stays open so nothing typed
 * is lost. An optional secondary button (a check before the real thing) behaves the same. What happens on success (closing, clearing fields) is the caller's `onSubmit`'s business.
 */
export function SubmitDialog(props: {
  open: boolean;
  title: string;
  submitLabel: string;
  canSubmit?: boolean;
  children: ReactNode;
  onClose(): void;
  onSubmit(): Promise<void>;
  /**
   * A second call the dialog offers beside the main one (e.g. a dry run), with the same busy and error handling;
   * `canRun` (default: `canSubmit`) says when it may be made, since a check may need less than the real thing.
   */
  secondary?: { label: string; canRun?: boolean; onClick(): Promise<void> };
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await call();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = () => run(props.onSubmit);
  const titleId = `mlops-dialog-${props.title
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        {error && (
          <Typography color="error" variant="body2" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        {props.secondary && (
          <Button
            disabled={
              (props.secondary.canRun ?? props.canSubmit) === false || busy
            }
            onClick={() => run(props.secondary!.onClick)}
          >
            {props.secondary.label}
          </Button>
        )}
        <Button
          color="primary"
          variant="contained"
          disabled={props.canSubmit === false || busy}
          onClick={submit}
        >
          {props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
