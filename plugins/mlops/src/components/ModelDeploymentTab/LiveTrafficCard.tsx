import {
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { LiveServing, RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import { mlopsApiRef } from '../../api/MlopsApi';
import { LiveTrafficSplit } from './LiveTrafficSplit';
import { ReturnToStableDialog } from './ReturnToStableDialog';
import { shortSha } from './gitChangeText';
import { stateWords } from './RolloutStateChip';
import { rolloutInWords } from './strategyText';

/** @public */
export interface LiveTrafficCardProps {
  entityRef: string;
  /** The live serving as last read (the tab reads it, so its start buttons know about orphaned traffic too). */
  serving?: LiveServing;
  /** Why the last read failed, if it did. */
  error?: Error;
  /** The Model's rollouts, to name the one driving the traffic in words. */
  rollouts: RolloutRecord[];
  /** Whether the user may return traffic to stable (`mlops.rollout.manage`). */
  canManage: boolean;
  deniedReason: string;
  /** Called after traffic was returned to stable, to read it again. */
  onChanged(): void;
}

/** Who drives the traffic, in words: "the canary of v6, progressing". */
function drivenByText(
  drivenBy: NonNullable<LiveServing['drivenBy']>,
  rollouts: RolloutRecord[],
): string {
  const rollout = rollouts.find(r => r.id === drivenBy.rolloutId);
  const state = stateWords[drivenBy.state];
  return rollout
    ? `Driven by ${rolloutInWords(rollout)}, ${state}`
    : `Driven by a rollout of this portal, ${state}`;
}

/**
 * GitOps mode: an ended rollout's traffic while the GitOps controller has not applied its ending's commit yet, in
 * words with the commit linked. Not an orphan: nothing to return to stable, the cluster catches up.
 */
function PendingGitChange(props: {
  pending: NonNullable<LiveServing['pendingGitChange']>;
  rollouts: RolloutRecord[];
}) {
  const { pending } = props;
  const rollout = props.rollouts.find(r => r.id === pending.rolloutId);
  const sha = shortSha(pending.sha);
  return (
    <Typography variant="body2" paragraph role="status">
      Waiting for Git change{' '}
      {pending.url ? <Link to={pending.url}>{sha}</Link> : sha} (the{' '}
      {pending.ending} of{' '}
      {rollout ? rolloutInWords(rollout) : `rollout ${pending.rolloutId}`}) to
      be applied by the GitOps controller. It was committed at{' '}
      {new Date(pending.since).toLocaleTimeString()}; until the cluster shows
      it, the split above is the one before the {pending.ending}, and new
      rollouts wait.
    </Typography>
  );
}

/**
 * A Model's traffic as the cluster serves it now, whether or not a rollout runs: which version serves what share,
 * the platform and serving resource, when it was read, and which rollout drives it, in words. Traffic off stable
 * that no rollout drives (an orphan) is a warning in plain words, naming the claim, with a way back: "Return all
 * traffic to stable". In GitOps mode, an ended rollout's traffic waiting for its ending's commit to be applied is
 * said so, with the commit linked, and offers no way back (Git already holds it).
 */
export function LiveTrafficCard(props: LiveTrafficCardProps) {
  const { entityRef, canManage, deniedReason, serving, error } = props;
  const api = useApi(mlopsApiRef);
  const [returning, setReturning] = useState<LiveServing>();

  return (
    <InfoCard
      title="Live traffic"
      subheader={
        serving &&
        `${serving.platformTitle} ${serving.target.cluster}/${serving.target.namespace}/${serving.target.name}`
      }
    >
      {!serving && !error && <Progress />}
      {error && (
        <Typography color="error" variant="body2">
          Could not read the traffic from the cluster: {error.message}
        </Typography>
      )}
      {serving && (
        <>
          <LiveTrafficSplit split={serving.split} />
          <Typography variant="body2" color="textSecondary" paragraph>
            Read from the cluster at{' '}
            {new Date(serving.readAt).toLocaleTimeString()}
          </Typography>
          {serving.drivenBy && (
            <Typography variant="body2" paragraph>
              {drivenByText(serving.drivenBy, props.rollouts)}
            </Typography>
          )}
          {serving.pendingGitChange && (
            <PendingGitChange
              pending={serving.pendingGitChange}
              rollouts={props.rollouts}
            />
          )}
          {serving.orphan && !serving.pendingGitChange && (
            <WarningPanel
              severity="warning"
              title={serving.orphan}
              defaultExpanded
              message={
                <>
                  {serving.claim
                    ? `The serving object still carries the claim of rollout ${serving.claim.rolloutId} of portal '${serving.claim.instanceId}', but no rollout here drives it, so nothing will move this traffic on.`
                    : 'The serving object carries no rollout claim (a hand edit, or a tool outside this portal), so nothing here will move this traffic on.'}{' '}
                  New rollouts of this model are refused until the traffic is
                  back on stable.
                  <br />
                  <Tooltip title={canManage ? '' : deniedReason}>
                    <span>
                      <Button
                        color="primary"
                        variant="contained"
                        style={{ marginTop: 8 }}
                        disabled={!canManage}
                        onClick={() => setReturning(serving)}
                      >
                        Return all traffic to stable
                      </Button>
                    </span>
                  </Tooltip>
                </>
              }
            />
          )}
        </>
      )}
      {returning && (
        <ReturnToStableDialog
          serving={returning}
          onClose={() => setReturning(undefined)}
          onSubmit={async request => {
            await api.returnToStable(entityRef, request);
            props.onChanged();
          }}
        />
      )}
    </InfoCard>
  );
}
