import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { exampleOrphanedServing } from '../../__testUtils__/exampleMlopsData';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelDeploymentTab } from './ModelDeploymentTab';

const ORPHAN =
  "v2 receives 20% and no rollout drives it (claimed by rollout lost-rollout of portal 'https://old.portal')";
const RETURN = 'Return all traffic to stable';

const orphaned = () => {
  const api = new FakeMlopsApi();
  api.liveServing = exampleOrphanedServing();
  return api;
};

describe('Live traffic on the Deployment tab', () => {
  afterEach(() => jest.useRealTimers());

  it('shows the split read from the cluster when no rollout runs, with no warning, and reads it again', async () => {
    // The tab's clock is jest's, still running in real time, so the 5-second refresh can be reached without waiting for it.
    jest.useFakeTimers({ advanceTimers: true });
    const api = new FakeMlopsApi();
    await renderEntityTab(<ModelDeploymentTab />, api);
    expect(await screen.findByText('Stable v3: 100%')).toBeInTheDocument();
    expect(
      screen.getByText('Seldon Core v1 prod-eu/fraud/fraud-detector'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Read from the cluster at /)).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Traffic split: Stable v3: 100%',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/no rollout drives it/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: RETURN })).toBeNull();
    expect(screen.queryByText(/^Driven by/)).toBeNull();

    // Read again on the tab's refresh interval: traffic that moves in the cluster shows up.
    api.liveServing = exampleOrphanedServing();
    act(() => {
      jest.advanceTimersByTime(5000);
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(ORPHAN);
  });

  it('names the rollout that drives the traffic and shows its canary and shadow shares', async () => {
    const api = new FakeMlopsApi();
    api.liveServing.split = {
      stable: { version: '3', weight: 95 },
      canary: { version: '2', weight: 5 },
      shadow: { version: '2' },
    };
    const rollout = await api.startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '2',
    });
    api.liveServing.drivenBy = { rolloutId: rollout.id, state: 'Progressing' };
    await renderEntityTab(<ModelDeploymentTab />, api);
    // In words, not as a rollout id and a state key.
    expect(
      await screen.findByText('Driven by the canary of v2, progressing'),
    ).toBeInTheDocument();
    expect(screen.queryByText(new RegExp(rollout.id))).toBeNull();
    expect(
      screen.getByRole('img', {
        name: 'Traffic split: Stable v3: 95%, Canary v2: 5%, Shadow v2: a copy of every request',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reads the traffic again as soon as a rollout starts', async () => {
    const api = new FakeMlopsApi();
    const start = api.startRollout.bind(api);
    api.startRollout = async request => {
      const rollout = await start(request);
      if (!request.dryRun) {
        api.liveServing.drivenBy = {
          rolloutId: rollout.id,
          state: rollout.state,
        };
      }
      return rollout;
    };
    await renderEntityTab(<ModelDeploymentTab />, api);
    const button = await screen.findByRole('button', {
      name: 'Roll out challenger v2',
    });
    await waitFor(() => expect(button).toBeEnabled());
    expect(screen.queryByText(/^Driven by/)).toBeNull();
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'the shadow passed' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Start canary' }),
    );
    // Before the next 5-second refresh (with room for a loaded machine).
    expect(
      await screen.findByText(
        'Driven by the canary of v2, progressing',
        {},
        { timeout: 3500 },
      ),
    ).toBeInTheDocument();
  });

  it('warns in plain words about traffic no rollout drives, naming the claim, and offers the way back', async () => {
    await renderEntityTab(<ModelDeploymentTab />, orphaned());
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent(ORPHAN);
    expect(warning).toHaveTextContent(
      "The serving object still carries the claim of rollout lost-rollout of portal 'https://old.portal', but no rollout here drives it",
    );
    expect(screen.getByText('Canary v2: 20%')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(warning).getByRole('button', { name: RETURN }),
      ).toBeEnabled(),
    );
  });

  it('disables every start button while traffic is orphaned, saying why, and enables them once it is back on stable', async () => {
    const api = orphaned();
    await renderEntityTab(<ModelDeploymentTab />, api);
    await screen.findByRole('alert');
    const starts = () =>
      [
        'Roll out challenger v2',
        'A/B test challenger v2',
        'Shadow challenger v2',
        'Blue-green challenger v2',
      ].map(name => screen.getByRole('button', { name }));
    await waitFor(() =>
      starts().forEach(button => expect(button).toBeDisabled()),
    );
    for (const button of starts()) {
      expect(button.parentElement).toHaveAttribute(
        'title',
        `New rollouts wait until the traffic is back on stable: ${ORPHAN}`,
      );
    }
    fireEvent.click(screen.getByRole('button', { name: RETURN }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'nobody drives it' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Return to stable' }),
    );
    // The tab re-reads the split after the reset; on a loaded CI machine
    // that takes longer than waitFor's default second.
    await waitFor(
      () => starts().forEach(button => expect(button).toBeEnabled()),
      { timeout: 5000 },
    );
  });

  it('returns all traffic to stable through the dialog, expecting the claim shown, then shows the new split', async () => {
    const api = orphaned();
    await renderEntityTab(<ModelDeploymentTab />, api);
    const button = await screen.findByRole('button', { name: RETURN });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      "stable v3 gets all traffic, canary v2 (now 20%) gets none, and the claim of rollout lost-rollout of portal 'https://old.portal' is cleared",
    );
    const submit = within(dialog).getByRole('button', {
      name: 'Return to stable',
    });
    expect(submit).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'old portal is gone; v2 was never approved' },
    });
    fireEvent.click(submit);
    await waitFor(() =>
      expect(api.returnToStableCalls).toEqual([
        {
          reason: 'old portal is gone; v2 was never approved',
          expectedClaim: {
            rolloutId: 'lost-rollout',
            instanceId: 'https://old.portal',
          },
        },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Stable v3: 100%')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: RETURN })).toBeNull();
  });

  it('keeps a refusal in the dialog when the claim changed since it was shown', async () => {
    const api = orphaned();
    await renderEntityTab(<ModelDeploymentTab />, api);
    const button = await screen.findByRole('button', { name: RETURN });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    // Another portal claims the object while the dialog is open.
    api.liveServing.claim = {
      rolloutId: 'r9',
      instanceId: 'https://other.portal',
    };
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'cleanup' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Return to stable' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The serving object changed since it was read',
    );
    expect(api.returnToStableCalls[0].expectedClaim).toEqual({
      rolloutId: 'lost-rollout',
      instanceId: 'https://old.portal',
    });
    expect(within(dialog).getByLabelText(/Reason/)).toHaveValue('cleanup');
  });

  it('disables the way back without permission, saying why', async () => {
    const api = orphaned();
    await renderEntityTab(<ModelDeploymentTab />, api, AuthorizeResult.DENY);
    const button = await screen.findByRole('button', { name: RETURN });
    expect(screen.getByRole('alert')).toHaveTextContent(ORPHAN);
    expect(button).toBeDisabled();
    expect(button.parentElement).toHaveAttribute(
      'title',
      'You may not run rollouts of this model; by default only its owners may',
    );
    fireEvent.click(button);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.returnToStableCalls).toEqual([]);
  });

  it("says an ended rollout's traffic waits for its ending's Git change, links the commit, offers no way back and holds new rollouts", async () => {
    const api = new FakeMlopsApi();
    const rollout = await api.startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '2',
    });
    await api.controlRollout(rollout.id, 'abort', 'latency looks off');
    const sha = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
    const url = `https://github.com/acme/serving-manifests/commit/${sha}`;
    api.liveServing = {
      ...exampleOrphanedServing(),
      claim: { rolloutId: rollout.id, instanceId: 'https://this.portal' },
      orphan: undefined,
      pendingGitChange: {
        sha,
        url,
        rolloutId: rollout.id,
        state: 'Aborted',
        ending: 'abort',
        since: '2026-11-27T10:00:00.000Z',
        message: `Waiting for Git change 0a1b2c3 (the abort of rollout ${rollout.id}) to be applied by the GitOps controller`,
      },
    };
    await renderEntityTab(<ModelDeploymentTab />, api);
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(
      // The link's own words for screen readers ("Opens in a new window") sit between the sha and the rest.
      /^Waiting for Git change 0a1b2c3(, Opens in a new window)? \(the abort of the canary of v2\) to be applied by the GitOps controller\./,
    );
    expect(
      within(status).getByRole('link', { name: /^0a1b2c3/ }),
    ).toHaveAttribute('href', url);
    expect(screen.getByText('Canary v2: 20%')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/no rollout drives it/)).toBeNull();
    expect(screen.queryByRole('button', { name: RETURN })).toBeNull();
    const start = screen.getByRole('button', {
      name: 'Roll out challenger v2',
    });
    await waitFor(() => expect(start).toBeDisabled());
    expect(start.parentElement).toHaveAttribute(
      'title',
      `New rollouts wait until Git change 0a1b2c3 (the abort of rollout ${rollout.id}) is applied`,
    );
  });
});
