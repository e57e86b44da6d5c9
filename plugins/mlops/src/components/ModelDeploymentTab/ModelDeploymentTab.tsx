import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import {
  mlopsRolloutManagePermission,
  RolloutRecord,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { mlopsApiRef, RolloutAction } from '../../api/MlopsApi';
import { ReasonDialog } from '../ModelRegistryTab/ReasonDialog';
import { LiveTrafficCard } from './LiveTrafficCard';
import { RolloutDetails } from './RolloutDetails';
import { RolloutPlanDialog } from './RolloutPlanDialog';
import { PlanForm, planForms } from './rolloutPlanForms';
import { actionLabel, strategyNames } from './strategyText';

const DENIED =
  'You may not run rollouts of this model; by default only its owners may';
/** How often the tab reads rollouts and the live traffic again. */
const REFRESH_MS = 5000;

/**
 * The Deployment tab of a Model: its live traffic as the cluster serves it (with a way back to stable when no
 * rollout drives it), buttons to roll out the registry's challenger by each strategy (canary, A/B test, shadow,
 * blue-green), the current or latest rollout with its steps, measurements and controls, and past rollouts.
 * Refreshes every 5 seconds.
 *
 * @public
 */
export function ModelDeploymentTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsApiRef);
  const alertApi = useApi(alertApiRef);
  const manage = usePermission({
    permission: mlopsRolloutManagePermission,
    resourceRef: entityRef,
  });
  const [action, setAction] = useState<RolloutAction>();
  const [planForm, setPlanForm] = useState<PlanForm>();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [rollouts, registry] = await Promise.all([
      api.listRollouts(entityRef),
      api.getRegistry(entityRef),
    ]);
    const current = rollouts[0]
      ? await api.getRollout(rollouts[0].id)
      : undefined;
    return {
      rollouts,
      current,
      challenger: registry.aliases.find(a => a.alias === 'challenger')?.version,
    };
  }, [api, entityRef]);
  useInterval(retry, REFRESH_MS);

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const { rollouts, current, challenger } = value!;
  const active =
    current && (current.state === 'Progressing' || current.state === 'Paused');

  const start = async () => {
    try {
      const started = await api.startRollout({
        entityRef,
        version: challenger!,
      });
      alertApi.post({
        message: `Rollout of v${started.candidateVersion} started`,
        severity: 'success',
        display: 'transient',
      });
      retry();
    } catch (e) {
      alertApi.post({ message: (e as Error).message, severity: 'error' });
    }
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <LiveTrafficCard
          entityRef={entityRef}
          canManage={manage.allowed}
          deniedReason={DENIED}
          refreshMs={REFRESH_MS}
          refreshKey={current && `${current.id}@${current.updatedAt}`}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Start a rollout">
          <Tooltip title={manage.allowed ? '' : DENIED}>
            <span>
              <Button
                color="primary"
                variant="contained"
                disabled={!manage.allowed || Boolean(active) || !challenger}
                onClick={start}
              >
                {challenger
                  ? `Roll out challenger v${challenger}`
                  : 'No challenger to roll out'}
              </Button>
            </span>
          </Tooltip>
          {Object.values(planForms).map(form => (
            <Tooltip key={form.strategy} title={manage.allowed ? '' : DENIED}>
              <span>
                <Button
                  variant="outlined"
                  style={{ marginLeft: 8 }}
                  disabled={!manage.allowed || Boolean(active) || !challenger}
                  onClick={() => setPlanForm(form)}
                >
                  {challenger
                    ? `${form.buttonLabel} challenger v${challenger}`
                    : form.buttonLabel}
                </Button>
              </span>
            </Tooltip>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        {current ? (
          <RolloutDetails
            rollout={current}
            canManage={manage.allowed}
            deniedReason={DENIED}
            onAction={setAction}
          />
        ) : (
          <InfoCard title="Rollouts">No rollout of this model yet.</InfoCard>
        )}
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Past rollouts">
          <List dense aria-label="Past rollouts">
            {rollouts.map((r: RolloutRecord) => (
              <ListItem key={r.id} divider>
                <ListItemText
                  primary={`${strategyNames[r.strategy] ?? r.strategy} v${
                    r.baselineVersion ?? '–'
                  } → v${r.candidateVersion}: ${r.state}`}
                  secondary={`${new Date(r.createdAt).toLocaleString()} by ${
                    r.createdBy
                  }`}
                />
              </ListItem>
            ))}
          </List>
        </InfoCard>
      </Grid>
      {challenger && planForm && (
        <RolloutPlanDialog
          form={planForm}
          open
          version={challenger}
          onClose={() => setPlanForm(undefined)}
          onStart={async plan => {
            await api.startRollout({ entityRef, version: challenger, ...plan });
            retry();
          }}
          onPreview={plan =>
            api.startRollout({
              entityRef,
              version: challenger,
              ...plan,
              dryRun: true,
            })
          }
        />
      )}
      <ReasonDialog
        open={Boolean(action)}
        title={`${actionLabel(current, action)} this rollout`}
        label="Reason"
        submitLabel={actionLabel(current, action)}
        onClose={() => setAction(undefined)}
        onSubmit={async reason => {
          await api.controlRollout(current!.id, action!, reason);
          retry();
        }}
      />
    </Grid>
  );
}
