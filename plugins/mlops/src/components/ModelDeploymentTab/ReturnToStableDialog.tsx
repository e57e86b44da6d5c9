import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  LiveServing,
  RolloutClaimState,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import { SubmitDialog } from '../SubmitDialog/SubmitDialog';
import { versionText } from './LiveTrafficSplit';

/** @public */
export interface ReturnToStableDialogProps {
  /** The live serving the person looked at: its claim is the one the write expects to find. */
  serving: LiveServing;
  onClose(): void;
  /** Resolves when the traffic is back on stable; a rejection's message stays in the dialog. */
  onSubmit(request: {
    reason: string;
    expectedClaim: RolloutClaimState | null;
  }): Promise<void>;
}

/**
 * Asks why before returning all of a Model's traffic to stable, saying what the one write does. It expects the
 * claim the person saw, so a claim that changed in the meantime is refused (409) rather than overridden.
 */
export function ReturnToStableDialog(props: ReturnToStableDialogProps) {
  const { serving } = props;
  const [reason, setReason] = useState('');
  const { claim, target, split } = serving;
  return (
    <SubmitDialog
      open
      title="Return all traffic to stable"
      submitLabel="Return to stable"
      canSubmit={reason.trim().length >= 3}
      onClose={props.onClose}
      onSubmit={async () => {
        // A failure carries the backend's own message (the API client puts it there), shown by the dialog.
        await props.onSubmit({
          reason: reason.trim(),
          expectedClaim: claim ?? null,
        });
        props.onClose();
      }}
    >
      <Typography variant="body2" paragraph>
        One write to {serving.platformTitle} {target.namespace}/{target.name} on
        cluster {target.cluster}: stable {versionText(split.stable.version)}{' '}
        gets all traffic,{' '}
        {[
          split.canary &&
            `canary ${versionText(split.canary.version)} (now ${
              split.canary.weight
            }%)`,
          split.shadow && `shadow ${versionText(split.shadow.version)}`,
        ]
          .filter(Boolean)
          .join(' and ') || 'any candidate'}{' '}
        gets none, and{' '}
        {claim
          ? `the claim of rollout ${claim.rolloutId} of portal '${claim.instanceId}' is cleared`
          : 'no claim is set'}
        . If the claim has changed since you looked, nothing is written.
      </Typography>
      <TextField
        id="mlops-return-to-stable-reason"
        label="Reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        helperText="Required, at least 3 characters; kept in the audit log"
      />
    </SubmitDialog>
  );
}
