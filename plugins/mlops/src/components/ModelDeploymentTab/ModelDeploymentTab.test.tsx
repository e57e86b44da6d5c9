import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelDeploymentTab } from './ModelDeploymentTab';

const renderTab = (
  api: FakeMlopsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) => renderEntityTab(<ModelDeploymentTab />, api, permission);

describe('ModelDeploymentTab', () => {
  it('confirms a canary with its plan, editable, and a reason before starting it', async () => {
    const api = new FakeMlopsApi();
    await renderTab(api);
    expect(
      await screen.findByText('No rollout of this model yet.'),
    ).toBeInTheDocument();
    const start = () =>
      screen.getByRole('button', { name: 'Roll out challenger v2' });
    await waitFor(() => expect(start()).toBeEnabled());
    fireEvent.click(start());
    const dialog = await screen.findByRole('dialog');
    // The plan shown is the backend's default plan (a dry run), described in words, units and display names.
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      "3 step(s): 5% for at least 5 min, then 25% for at least 10 min, then 100%. At each step 3 measurement(s) of error-rate (success ≤ 2%, ≤ 2× stable) and p99-latency (success ≤ 250 ms, ≤ 1.5× stable), 60 s apart, the first 120 s in. If every measurement passes, 'champion' moves to v2 after about 19 min; a failed one rolls back.",
    );
    expect(api.rolloutCalls).toEqual(['dry-run 2 canary']);
    expect(
      within(dialog).getByLabelText(/Canary share at each step/),
    ).toHaveValue('5, 25, 100');
    expect(within(dialog).getByLabelText(/Hold each step/)).toHaveValue(
      '5, 10, 0',
    );
    expect(
      within(dialog).getByLabelText(/First measurement after/),
    ).toHaveValue(120);

    fireEvent.change(
      within(dialog).getByLabelText(/Canary share at each step/),
      {
        target: { value: '10, 50' },
      },
    );
    expect(
      within(dialog).getByText('The last step must give the canary 100%.'),
    ).toBeInTheDocument();
    fireEvent.change(
      within(dialog).getByLabelText(/Canary share at each step/),
      {
        target: { value: '10, 50, 100' },
      },
    );
    fireEvent.change(within(dialog).getByLabelText(/Hold each step/), {
      target: { value: '2' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Measure every/), {
      target: { value: '30' },
    });
    const submit = within(dialog).getByRole('button', { name: 'Start canary' });
    // No start without a reason.
    expect(submit).toBeDisabled();
    expect(api.rolloutCalls).toEqual(['dry-run 2 canary']);
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'v2 passed the shadow' },
    });
    await waitFor(() => expect(submit).toBeEnabled());
    fireEvent.click(submit);
    await waitFor(() =>
      expect(api.rolloutCalls).toEqual(['dry-run 2 canary', 'start 2']),
    );
    expect(api.startRequests[1]).toMatchObject({
      strategy: 'canary',
      reason: 'v2 passed the shadow',
      steps: [
        { weight: 10, durationSeconds: 120 },
        { weight: 50, durationSeconds: 120 },
        { weight: 100, durationSeconds: 120 },
      ],
      analysis: { intervalSeconds: 30, initialDelaySeconds: 120, count: 3 },
    });
    expect(await screen.findByText('10% canary, 2 min')).toBeInTheDocument();
    expect(screen.getByText('Progressing')).toBeInTheDocument();
    expect(
      screen.getByText('Canary of v2 against champion v3'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    const pause = await screen.findByRole('dialog');
    expect(pause).toHaveTextContent("kept in this rollout's timeline");
    expect(pause).not.toHaveTextContent('promotion history');
    fireEvent.change(within(pause).getByLabelText(/Reason/), {
      target: { value: 'holiday freeze' },
    });
    fireEvent.click(within(pause).getByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(api.rolloutCalls).toContain('pause r1: holiday freeze'),
    );
  });

  it('shows each measurement with canary and stable values', async () => {
    const api = new FakeMlopsApi();
    const rollout = await api.startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '6',
    });
    rollout.events = [
      {
        type: 'measurement',
        at: '2026-11-27T10:01:00.000Z',
        actor: 'engine',
        stepIndex: 0,
        metric: 'error-rate',
        phase: 'Failed',
        value: 0.2,
        stableValue: 0.004,
        message: '0.2 is not <= 0.02',
      },
    ];
    rollout.state = 'RolledBack';
    rollout.stateReason = 'analysis error-rate failed at step 1; canary at 0%';
    await renderTab(api);
    expect(
      await screen.findByText(
        'analysis error-rate failed at step 1; canary at 0%',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Measurements (1)')).toBeInTheDocument();
    // Error rates in %, as on the Monitoring tab (the backend measures a fraction).
    expect(screen.getByText('20%')).toBeInTheDocument();
    expect(screen.getByText('0.4%')).toBeInTheDocument();
    const chart = screen.getByRole('img', {
      name: 'error-rate measurements in %: canary against stable, success ≤ 2%',
    });
    expect(chart.querySelectorAll('circle[data-phase="Failed"]')).toHaveLength(
      1,
    );
    expect(
      screen.getByRole('img', { name: /^p99-latency measurements in ms/ }),
    ).toHaveTextContent('no measurements yet');
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
  });

  it("shows an A/B test's plan, each arm's rate so far and its progress to the planned sample", async () => {
    const api = new FakeMlopsApi();
    const rollout = await api.startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '6',
    });
    rollout.strategy = 'abtest';
    rollout.steps = [{ weight: 50, durationSeconds: 0 }];
    rollout.abTest = {
      candidateShare: 50,
      baselineRate: 0.1,
      minimumDetectableEffect: 0.02,
      alpha: 0.05,
      power: 0.8,
      plannedPerArm: 3841,
      maxDurationSeconds: 1209600,
      intervalSeconds: 60,
    };
    const look = (metric: string, value: number, stableValue: number) => ({
      type: 'measurement' as const,
      at: '2026-11-27T10:01:00.000Z',
      actor: 'engine',
      stepIndex: 0,
      metric,
      phase: 'Successful' as const,
      value,
      stableValue,
    });
    rollout.events = [
      look('ab-trials', 1900, 1921),
      look('ab-successes', 247, 190),
    ];
    await renderTab(api);
    expect(
      await screen.findByText(
        /^A\/B test: 50% to the candidate, 3841 trials per arm planned/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Stable: 190 of 1921 (9.89%) · Candidate: 247 of 1900 (13.00%)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '49% of the planned sample: no verdict before it is reached',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('50% candidate (A/B split)')).toBeInTheDocument();
    expect(screen.queryByText(/awaits a second person's approval/)).toBeNull();
  });

  it('says when an A/B verdict waits for the approval of its promotion', async () => {
    const api = new FakeMlopsApi();
    const rollout = await api.startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '6',
      strategy: 'abtest',
      abTest: { baselineRate: 0.1, minimumDetectableEffect: 0.02 },
    });
    rollout.pendingPromotionId = 'p-42';
    await renderTab(api);
    expect(
      await screen.findByText(
        "The test recommends promoting v6; 'champion' is protected, so promotion p-42 awaits a second person's approval on the Registry tab. The split is held until then.",
      ),
    ).toBeInTheDocument();
  });

  it('starts an A/B test of the challenger from its dialog, keeping a refusal in the dialog', async () => {
    const api = new FakeMlopsApi();
    await renderTab(api);
    const open = await screen.findByRole('button', {
      name: 'A/B test challenger v2',
    });
    await waitFor(() => expect(open).toBeEnabled());
    const refusal = api.startRollout.bind(api);
    api.startRollout = async () => {
      throw new Error('Version 2 fails its quality gates: auc 0.8 < 0.9');
    };
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Baseline success rate/), {
      target: { value: '5' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Smallest change/), {
      target: { value: '1' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'test conversions' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Start A/B test' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Version 2 fails its quality gates',
    );
    expect(within(dialog).getByLabelText(/Baseline success rate/)).toHaveValue(
      5,
    );

    api.startRollout = refusal;
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Start A/B test' }),
    );
    await waitFor(() =>
      expect(api.rolloutCalls).toEqual([
        'start 2 abtest {"candidateShare":50,"baselineRate":0.05,"minimumDetectableEffect":0.01}',
      ]),
    );
    expect(
      await screen.findByText(/^A\/B test: 50% to the candidate, 8158 trials/),
    ).toBeInTheDocument();
  });

  it('disables starting without permission, saying why', async () => {
    await renderTab(new FakeMlopsApi(), AuthorizeResult.DENY);
    await screen.findByRole('button', { name: 'Roll out challenger v2' });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Roll out challenger v2' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Roll out challenger v2' })
        .parentElement,
    ).toHaveAttribute(
      'title',
      'You may not run rollouts of this model; by default only its owners may',
    );
  });

  it('starts a shadow from its dialog and shows the prediction comparison, with nothing to promote', async () => {
    const api = new FakeMlopsApi();
    await renderTab(api);
    const open = await screen.findByRole('button', {
      name: 'Shadow challenger v2',
    });
    await waitFor(() => expect(open).toBeEnabled());
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Shadow for \(minutes\)/), {
      target: { value: '30' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'compare predictions first' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check plan' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Mirrors all traffic for 30 min and compares with v3: fails at PSI ≥ 0.1 or Jensen–Shannon ≥ 0.1; needs 1000 predictions per side for a verdict.',
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Start shadow' }),
    );
    await waitFor(() =>
      expect(api.rolloutCalls).toEqual([
        'dry-run 2 shadow',
        'start 2 shadow {"durationSeconds":1800,"maxPsi":0.1,"maxJensenShannon":0.1}',
      ]),
    );
    const rollout = api.rollouts[0];
    const look = (metric: string, value: number) => ({
      type: 'measurement' as const,
      at: '2026-11-27T10:01:00.000Z',
      actor: 'engine',
      stepIndex: 0,
      metric,
      phase: 'Successful' as const,
      value,
      message: '980 shadow / 1010 stable predictions',
    });
    rollout.events = [
      look('prediction-psi', 0.0042),
      look('prediction-js', 0.021),
    ];
    expect(
      await screen.findByText(
        'Predictions so far: PSI 0.004 · Jensen–Shannon 0.021 (980 shadow / 1010 stable predictions)',
        {},
        { timeout: 8000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Shadow: copy of all traffic, 30 min'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Shadow of v2 beside champion v3'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Abort' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Promote/ })).toBeNull();
  });

  it('offers an instant switch back once a blue-green has switched to green', async () => {
    const api = new FakeMlopsApi();
    const rollout = await api.startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '6',
      strategy: 'bluegreen',
      blueGreen: { warmSeconds: 600 },
    });
    rollout.stepIndex = 1;
    rollout.stepStartedAt = new Date().toISOString();
    await renderTab(api);
    expect(
      await screen.findByText(
        /^green v6 serves all traffic; blue v3 stays warm until .*, so switching back is instant/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Green deployed at 0%, until ready'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Switched: green 100%, blue warm, 10 min'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Switch back' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'support tickets' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Switch back' }),
    );
    await waitFor(() =>
      expect(api.rolloutCalls).toContain('abort r1: support tickets'),
    );
  });
});
