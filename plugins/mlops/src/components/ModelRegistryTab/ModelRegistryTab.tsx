import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  AliasState,
  mlopsModelApprovePermission,
  mlopsModelPromotePermission,
  mlopsModelRollbackPermission,
  ModelEntityV1alpha1,
  ModelVersionSummary,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useInterval from 'react-use/esm/useInterval';
import { mlopsApiRef } from '../../api/MlopsApi';
import { useModelChangeSignal } from '../../liveUpdates/useModelChangeSignal';
import { AliasSummary } from './AliasSummary';
import { PendingApprovals } from './PendingApprovals';
import { PullRequestPromotions } from './PullRequestPromotions';
import { PersonLink } from '../PersonLink/PersonLink';
import { PromoteDialog } from './PromoteDialog';
import { PromotionTimeline } from './PromotionTimeline';
import { ReasonDialog } from './ReasonDialog';
import { useRegistryData } from './useRegistryData';
import { VersionsTable } from './VersionsTable';

const denied = (what: string) =>
  `You may not ${what} this model; by default only its owners may`;

/** How often the tab reads the registry again when no signals tell it of changes. */
const REFRESH_MS = 15000;

type Decision = { record: PromotionRecord; decision: 'approve' | 'reject' };
type Rollback = { alias: AliasState; toVersion: string };

/**
 * The Registry tab of a Model: aliases (since when, by whom), versions with metrics (by the Model's display
 * names and units) and gate status, promote and rollback dialogs, pending approvals and the promotion history.
 * People show by their catalog names. Actions the user may not take, or that the backend would refuse (failing
 * gates, nothing to roll back to), are disabled with the reason.
 *
 * @public
 */
export function ModelRegistryTab() {
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsApiRef);
  const alertApi = useApi(alertApiRef);
  const identityApi = useApi(identityApiRef);
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const { value, loading, error, retry } = useRegistryData(entityRef);
  // A request, a decision or a move by someone else shows at once; without signals, within REFRESH_MS.
  const { signalsAvailable } = useModelChangeSignal(entityRef, retry);
  // A pull request is merged on the Git host, which sends no signal: while one waits, look again (reading the
  // history has the backend look at the pull request).
  const waitingOnPullRequest = value?.history.some(
    h => h.state === 'pending_pull_request',
  );
  useInterval(
    retry,
    signalsAvailable && !waitingOnPullRequest ? null : REFRESH_MS,
  );
  const promote = usePermission({
    permission: mlopsModelPromotePermission,
    resourceRef: entityRef,
  });
  const approve = usePermission({
    permission: mlopsModelApprovePermission,
    resourceRef: entityRef,
  });
  const rollback = usePermission({
    permission: mlopsModelRollbackPermission,
    resourceRef: entityRef,
  });

  const [promoting, setPromoting] = useState<ModelVersionSummary>();
  const [rollingBack, setRollingBack] = useState<Rollback>();
  const [deciding, setDeciding] = useState<Decision>();

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const { registry, history } = value!;

  const done = (message: string) => {
    alertApi.post({ message, severity: 'success', display: 'transient' });
    retry();
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <AliasSummary
          registry={registry}
          history={history}
          canRollback={rollback.allowed}
          rollbackDeniedReason={denied('roll back')}
          onRollback={(alias, toVersion) =>
            setRollingBack({ alias, toVersion })
          }
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <PendingApprovals
          pending={history.filter(h => h.state === 'pending_approval')}
          currentUser={identity?.userEntityRef}
          canApprove={approve.allowed}
          approveDeniedReason={denied('approve promotions of')}
          onDecide={(record, decision) => setDeciding({ record, decision })}
        />
        <PullRequestPromotions
          waiting={history.filter(h => h.state === 'pending_pull_request')}
        />
      </Grid>
      <Grid item xs={12}>
        <VersionsTable
          registry={registry}
          model={entity}
          canPromote={promote.allowed}
          promoteDeniedReason={denied('promote')}
          onPromote={setPromoting}
        />
      </Grid>
      <Grid item xs={12}>
        <PromotionTimeline history={history} model={entity} />
      </Grid>

      <PromoteDialog
        key={promoting?.version}
        entityRef={entityRef}
        registry={registry}
        model={entity}
        version={promoting}
        onClose={() => setPromoting(undefined)}
        onDone={record => done(promotionOutcome(record))}
      />
      <ReasonDialog
        open={Boolean(rollingBack)}
        title={`Roll back ${rollingBack?.alias.alias} to v${rollingBack?.toVersion}`}
        label="Reason"
        submitLabel={`Roll back to v${rollingBack?.toVersion}`}
        onClose={() => setRollingBack(undefined)}
        onSubmit={async reason => {
          const record = await api.rollback(entityRef, {
            alias: rollingBack!.alias.alias,
            reason,
          });
          done(`${record.alias} rolled back to v${record.toVersion}`);
        }}
      >
        {rollingBack && (
          <Typography variant="body2" gutterBottom>
            {rollingBack.alias.alias} points at v{rollingBack.alias.version} now
            {rollingBack.alias.movedBy && (
              <>
                , moved there by{' '}
                <PersonLink entityRef={rollingBack.alias.movedBy} />
              </>
            )}
            . Rolling back points it at v{rollingBack.toVersion} again, where it
            pointed before that move. A rollback skips the quality gates and
            approval: it is the way back to a version that was already live.
          </Typography>
        )}
      </ReasonDialog>
      <ReasonDialog
        open={Boolean(deciding)}
        title={`${deciding?.decision === 'approve' ? 'Approve' : 'Reject'} ${
          deciding?.record.alias
        } → v${deciding?.record.toVersion}`}
        label="Comment"
        submitLabel={deciding?.decision === 'approve' ? 'Approve' : 'Reject'}
        onClose={() => setDeciding(undefined)}
        onSubmit={async comment => {
          const { record, decision } = deciding!;
          const result =
            decision === 'approve'
              ? await api.approve(record.id, comment)
              : await api.reject(record.id, comment);
          done(`Request ${result.state.replace('_', ' ')}`);
        }}
      >
        {deciding && (
          <Typography variant="body2" gutterBottom>
            <PersonLink entityRef={deciding.record.requestedBy} /> asked to move{' '}
            {deciding.record.alias}
            {deciding.record.fromVersion
              ? ` from v${deciding.record.fromVersion}`
              : ''}{' '}
            to v{deciding.record.toVersion}: {deciding.record.reason}
          </Typography>
        )}
      </ReasonDialog>
    </Grid>
  );
}

/** What the alert says after a promotion request. */
function promotionOutcome(record: PromotionRecord): string {
  switch (record.state) {
    case 'pending_approval':
      return `Requested ${record.alias} → v${record.toVersion}; waiting for approval`;
    case 'pending_pull_request':
      return `Opened pull request #${record.pullRequest?.number} to move ${record.alias} to v${record.toVersion}; its review is the approval`;
    default:
      return `${record.alias} now points at v${record.toVersion}`;
  }
}
