import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import {
  LiveServing,
  mlopsRolloutManagePermission,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { mlopsApiRef, RolloutAction } from '../../api/MlopsApi';
import { useModelChangeSignal } from '../../liveUpdates/useModelChangeSignal';
import { ReasonDialog } from '../ModelRegistryTab/ReasonDialog';
import { shortSha } from './gitChangeText';
import { GitOpsCard } from './GitOpsCard';
import { LiveTrafficCard } from './LiveTrafficCard';
import { PastRollouts } from './PastRollouts';
import { isActive, RolloutDetails } from './RolloutDetails';
import { RolloutPlanDialog } from './RolloutPlanDialog';
import { PlanForm, planForms } from './rolloutPlanForms';
import { actionLabel } from './strategyText';

const DENIED =
  'You may not run rollouts of this model; by default only its owners may';
/** How often the tab reads the live traffic again, and the rollouts when no signal says they changed. */
const REFRESH_MS = 5000;
/** The same with signals connected: a rollout's changes arrive as signals; this only catches what a lost one missed. */
const SIGNALLED_REFRESH_MS = 30000;

/** Why the start buttons are disabled, or undefined when a rollout may start. */
function startBlocker(options: {
  allowed: boolean;
  active: boolean;
  challenger?: string;
  orphan?: string;
  pendingGitChange?: LiveServing['pendingGitChange'];
}): string | undefined {
  if (!options.allowed) {
    return DENIED;
  }
  if (!options.challenger) {
    return "No version has the 'challenger' alias; set it on the Registry tab";
  }
  if (options.active) {
    return 'A rollout of this model is running; finish or abort it first';
  }
  if (options.pendingGitChange) {
    const { sha, ending, rolloutId } = options.pendingGitChange;
    return `New rollouts wait until Git change ${shortSha(
      sha,
    )} (the ${ending} of rollout ${rolloutId}) is applied`;
  }
  if (options.orphan) {
    return `New rollouts wait until the traffic is back on stable: ${options.orphan}`;
  }
  return undefined;
}

/**
 * The Deployment tab of a Model: its live traffic as the cluster serves it (with a way back to stable when no
 * rollout drives it), buttons to roll out the registry's challenger by each strategy (canary, A/B test, shadow,
 * blue-green), each confirmed in a dialog showing the plan with a reason, the current or latest rollout with its
 * steps, countdown, measurements, timeline (with the commit or pull request behind each step in GitOps mode) and
 * controls, and past rollouts; for a Model managed from Git, a Git card (repository, manifest revision, live
 * against Git, Argo CD). The start buttons are disabled, with
 * the reason, while a rollout runs, traffic is orphaned, or an ended rollout's Git change waits to be applied. Reloads when the backend signals a change of the
 * Model's rollouts or promotions, and every 5 seconds without signals (every 30 with them).
 *
 * @public
 */
export function ModelDeploymentTab() {
  const { entity } = useEntity();
  const model = entity as ModelEntityV1alpha1;
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsApiRef);
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
  const { signalsAvailable } = useModelChangeSignal(entityRef, retry);
  const refreshMs = signalsAvailable ? SIGNALLED_REFRESH_MS : REFRESH_MS;
  useInterval(retry, refreshMs);
  const current = value?.current;
  // Read again as soon as a rollout starts or moves on, not only on the interval.
  const live = useAsyncRetry(
    () => api.getLiveServing(entityRef),
    [api, entityRef, current && `${current.id}@${current.updatedAt}`],
  );
  // The cluster's live traffic changes with no signal (the operator applies a write, someone edits the object):
  // it is read on the short interval even with signals connected.
  useInterval(live.retry, REFRESH_MS);
  // GitOps Models: Git, the live object against it and Argo CD, read on the same cadence as the live traffic.
  const gitops = model.spec.serving?.gitops;
  const git = useAsyncRetry(
    async () => (gitops ? api.getServingGitOps(entityRef) : undefined),
    [
      api,
      entityRef,
      Boolean(gitops),
      current && `${current.id}@${current.updatedAt}`,
    ],
  );
  useInterval(git.retry, gitops ? REFRESH_MS : null);

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const { rollouts, challenger } = value!;
  const active = Boolean(current && isActive(current));
  const blocker = startBlocker({
    allowed: manage.allowed,
    active,
    challenger,
    orphan: live.value?.orphan,
    pendingGitChange: live.value?.pendingGitChange,
  });
  const serving = live.value;
  const platformTitle =
    serving && current && serving.platform === current.target.platform
      ? serving.platformTitle
      : undefined;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <LiveTrafficCard
          entityRef={entityRef}
          serving={serving}
          error={live.error}
          rollouts={rollouts}
          canManage={manage.allowed}
          deniedReason={DENIED}
          onChanged={live.retry}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Start a rollout">
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {Object.values(planForms).map(form => (
              <Tooltip key={form.strategy} title={blocker ?? ''}>
                <span>
                  <Button
                    color={form.strategy === 'canary' ? 'primary' : 'default'}
                    variant={
                      form.strategy === 'canary' ? 'contained' : 'outlined'
                    }
                    disabled={Boolean(blocker)}
                    onClick={() => setPlanForm(form)}
                  >
                    {challenger
                      ? `${form.buttonLabel} challenger v${challenger}`
                      : form.buttonLabel}
                  </Button>
                </span>
              </Tooltip>
            ))}
          </div>
        </InfoCard>
      </Grid>
      {gitops && (
        <Grid item xs={12} md={6}>
          <GitOpsCard gitops={gitops} value={git.value} error={git.error} />
        </Grid>
      )}
      <Grid item xs={12}>
        {current ? (
          <RolloutDetails
            rollout={current}
            model={model}
            platformTitle={platformTitle}
            canManage={manage.allowed}
            deniedReason={DENIED}
            onAction={setAction}
          />
        ) : (
          <InfoCard title="Rollouts">No rollout of this model yet.</InfoCard>
        )}
      </Grid>
      <Grid item xs={12}>
        <PastRollouts
          rollouts={rollouts.filter(r => !(active && r.id === current?.id))}
        />
      </Grid>
      {challenger && planForm && (
        <RolloutPlanDialog
          form={planForm}
          open
          version={challenger}
          model={model}
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
        keptIn="kept in this rollout's timeline"
        onClose={() => setAction(undefined)}
        onSubmit={async reason => {
          await api.controlRollout(current!.id, action!, reason);
          retry();
        }}
      />
    </Grid>
  );
}
