import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  ModelChangeSignal,
  modelSignalChannel,
} from '@mlops-portal/plugin-mlops-common';
import { act, screen, waitFor } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { exampleRollout } from '../__testUtils__/exampleMlopsData';
import { FakeMlopsApi } from '../__testUtils__/FakeMlopsApi';
import { exampleModel } from '../__testUtils__/exampleEntities';
import { renderEntityTab } from '../__testUtils__/renderEntityTab';
import { ModelDeploymentTab } from '../components/ModelDeploymentTab/ModelDeploymentTab';
import { ModelRegistryTab } from '../components/ModelRegistryTab/ModelRegistryTab';

/** The signals plugin's API as a page sees it: subscribers per channel, and a way for the test to publish. */
class SignalBus implements SignalApi {
  private readonly subscribers = new Map<string, Set<(message: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const set = this.subscribers.get(channel) ?? new Set();
    this.subscribers.set(channel, set);
    set.add(onMessage);
    return { unsubscribe: () => set.delete(onMessage) };
  }

  publish(channel: string, message: ModelChangeSignal) {
    this.subscribers.get(channel)?.forEach(listener => listener(message));
  }
}

const entityRef = 'model:default/fraud-detector';
const signal = (kind: ModelChangeSignal['kind'], state: string) => ({
  kind,
  id: 'x1',
  entityRef,
  state,
});

/*
 * With signals connected, the tabs poll only every 30 s (Deployment) or not at all (Registry): what changed
 * within a test's few seconds can only have come through the signal.
 */
describe('live tabs', () => {
  const render = (tab: JSX.Element, api: FakeMlopsApi, bus: SignalBus) =>
    renderEntityTab(tab, api, AuthorizeResult.ALLOW, exampleModel(), [
      [signalApiRef, bus],
    ]);

  it('shows a rollout on the Deployment tab as soon as its signal arrives', async () => {
    const api = new FakeMlopsApi();
    const bus = new SignalBus();
    await render(<ModelDeploymentTab />, api, bus);
    expect(
      await screen.findByText('No rollout of this model yet.'),
    ).toBeInTheDocument();

    api.rollouts = [
      {
        ...exampleRollout('r1', { entityRef, version: '2' }),
        state: 'Paused',
      },
    ];
    // Another Model's signal is not this page's business.
    act(() =>
      bus.publish(modelSignalChannel('model:default/other'), {
        ...signal('rollout', 'Paused'),
        entityRef: 'model:default/other',
      }),
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(
      screen.getByText('No rollout of this model yet.'),
    ).toBeInTheDocument();

    act(() =>
      bus.publish(modelSignalChannel(entityRef), signal('rollout', 'Paused')),
    );
    await waitFor(
      () =>
        expect(screen.queryByText('No rollout of this model yet.')).toBeNull(),
      { timeout: 2000 },
    );
    expect(document.querySelector('[data-state="Paused"]')).not.toBeNull();
  });

  it('shows a new request for approval on the Registry tab as soon as its signal arrives', async () => {
    const api = new FakeMlopsApi();
    const bus = new SignalBus();
    await render(<ModelRegistryTab />, api, bus);
    await screen.findByText(/Versions/);
    expect(screen.queryByText(/Pending approvals/)).toBeNull();

    api.history = [
      {
        id: 'p1',
        entityRef,
        instance: 'default',
        registeredModel: 'fraud-detector',
        action: 'promote',
        alias: 'champion',
        fromVersion: '1',
        toVersion: '2',
        reason: 'v2 beats v1',
        state: 'pending_approval',
        requestedBy: 'user:default/jonas.berg',
        requestedAt: new Date().toISOString(),
        gates: [],
      },
    ];
    act(() =>
      bus.publish(
        modelSignalChannel(entityRef),
        signal('promotion', 'pending_approval'),
      ),
    );
    expect(
      await screen.findByText('Pending approvals (1)', {}, { timeout: 2000 }),
    ).toBeInTheDocument();
  });
});
