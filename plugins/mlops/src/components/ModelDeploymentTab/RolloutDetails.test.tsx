import { RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { screen, within } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelDeploymentTab } from './ModelDeploymentTab';

const MODEL = 'model:default/fraud-detector';

/** A fake backend holding one started canary of v6, changed by `change` (as the engine would have). */
async function withRollout(change: (rollout: RolloutRecord) => void) {
  const api = new FakeMlopsApi();
  const rollout = await api.startRollout({ entityRef: MODEL, version: '6' });
  change(rollout);
  return api;
}

const started = {
  type: 'transition' as const,
  at: '2026-11-27T10:00:00.000Z',
  actor: 'user:default/amira.haddad',
  stepIndex: 0,
  to: 'Progressing' as const,
  reason: 'started: v3 → v6: v6 passed the shadow',
};
const stepSet = {
  type: 'transition' as const,
  at: '2026-11-27T10:00:05.000Z',
  actor: 'mlops:rollout-engine',
  stepIndex: 0,
  from: 'Progressing' as const,
  to: 'Progressing' as const,
  reason: 'step 1: canary at 5%',
  weight: 5,
};
const aborted = {
  type: 'transition' as const,
  at: '2026-11-27T10:03:00.000Z',
  actor: 'user:default/omar.khalil',
  stepIndex: 0,
  from: 'Progressing' as const,
  to: 'Aborted' as const,
  reason: 'support tickets; canary at 0%',
};

const chipColour = (state: string) =>
  (document.querySelector(`[data-state="${state}"]`) as HTMLElement).style
    .backgroundColor;

describe('A rollout on the Deployment tab', () => {
  it('shows a running canary in its own colour, its current step active, and not among past rollouts', async () => {
    const api = await withRollout(r => {
      r.events = [started, stepSet];
      r.stepStartedAt = new Date().toISOString();
    });
    const finished = await api.startRollout({ entityRef: MODEL, version: '5' });
    finished.state = 'RolledBack';
    finished.stateReason = 'analysis error-rate failed at step 1';
    // Newest first, as the backend lists them.
    api.rollouts.reverse();
    await renderEntityTab(<ModelDeploymentTab />, api);
    const past = await screen.findByRole('list', { name: 'Past rollouts' });
    expect(within(past).getAllByRole('listitem')).toHaveLength(1);
    expect(past).toHaveTextContent('Canary v3 → v5');
    expect(past).toHaveTextContent('Rolled back');
    expect(past).not.toHaveTextContent('v6');
    expect(
      screen.getByText('Canary of v6 against champion v3'),
    ).toBeInTheDocument();
    expect(document.querySelectorAll('.MuiStepLabel-active')).toHaveLength(1);
    expect(document.querySelector('.MuiStepLabel-active')).toHaveTextContent(
      '5% canary, 5 min',
    );
    expect(chipColour('Progressing')).not.toEqual(chipColour('RolledBack'));
  });

  it('after an abort: its own colour, no step current, the step where it stopped marked, the champion unchanged', async () => {
    const api = await withRollout(r => {
      r.events = [started, stepSet, aborted];
      r.state = 'Aborted';
      r.stateReason = 'support tickets; canary at 0%';
    });
    const { container } = await renderEntityTab(<ModelDeploymentTab />, api);
    expect(
      await screen.findByText('Canary of v6 (champion stays v3)'),
    ).toBeInTheDocument();
    expect(container.querySelector('.MuiStepLabel-active')).toBeNull();
    expect(screen.getByText('aborted here')).toBeInTheDocument();
    // The aborted rollout is the latest, shown above; being over, it is past too.
    expect(
      within(screen.getByRole('list', { name: 'Past rollouts' })).getAllByRole(
        'listitem',
      ),
    ).toHaveLength(1);
    const aborts = document.querySelectorAll('[data-state="Aborted"]');
    const progressing = document.querySelector('[data-state="Progressing"]');
    expect(aborts.length).toBeGreaterThan(0);
    expect(progressing).not.toBeNull();
    expect((aborts[0] as HTMLElement).style.backgroundColor).not.toEqual(
      (progressing as HTMLElement).style.backgroundColor,
    );
    expect(screen.queryByRole('timer')).toBeNull();
  });

  it('shows the transitions as a timeline, newest first: when, who or what, from → to, and why', async () => {
    const api = await withRollout(r => {
      r.events = [started, stepSet, aborted];
      r.state = 'Aborted';
    });
    await renderEntityTab(<ModelDeploymentTab />, api);
    const timeline = await screen.findByRole('list', {
      name: 'Rollout timeline',
    });
    const rows = within(timeline).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent(new Date(aborted.at).toLocaleString());
    expect(rows[0]).toHaveTextContent(/Progressing→Aborted/);
    expect(rows[0]).toHaveTextContent('by omar.khalil');
    expect(rows[0]).toHaveTextContent('support tickets; canary at 0%');
    expect(rows[1]).toHaveTextContent('candidate at 5%');
    expect(rows[1]).toHaveTextContent('by the rollout engine');
    expect(rows[2]).toHaveTextContent('by amira.haddad');
    expect(rows[2]).toHaveTextContent('started: v3 → v6: v6 passed the shadow');
    // People by their catalog name, linked; never the raw entity ref.
    expect(within(rows[2]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/user/amira.haddad',
    );
    expect(document.body).not.toHaveTextContent('user:default/');
  });

  it('charts each analysis metric in ms and %, with the display names of the Model and a time axis', async () => {
    const api = await withRollout(r => {
      r.events = [
        started,
        ...[0, 1].map(i => ({
          type: 'measurement' as const,
          at: `2026-11-27T10:0${2 + i}:00.000Z`,
          actor: 'mlops:rollout-engine',
          stepIndex: 0,
          metric: 'p99-latency',
          phase: 'Successful' as const,
          value: 0.084 + i * 0.01,
          stableValue: 0.08,
        })),
      ];
    });
    const model = exampleModel();
    model.spec.metrics = [
      { name: 'p99-latency', title: 'p99 latency', unit: 'ms' },
    ];
    await renderEntityTab(<ModelDeploymentTab />, api, undefined, model);
    const latency = await screen.findByRole('img', {
      name: 'p99 latency measurements in ms: canary against stable, success ≤ 250 ms',
    });
    expect(latency.querySelector('[data-axis="value"]')).toHaveTextContent(
      /^ms$/,
    );
    expect(latency.querySelector('[data-axis="time"]')).toHaveTextContent(
      new Date('2026-11-27T10:02:00.000Z').toLocaleTimeString([], {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
    );
    expect(latency).toHaveTextContent('success ≤ 250 ms');
    expect(latency.querySelector('circle title')).toHaveTextContent(
      'canary 84 ms, stable 80 ms',
    );
    const errors = screen.getByRole('img', {
      name: /^error-rate measurements in %/,
    });
    expect(errors.querySelector('[data-axis="value"]')).toHaveTextContent(
      /^%$/,
    );
    expect(errors).toHaveTextContent('no measurements yet');
    expect(screen.getAllByText('84 ms').length).toBeGreaterThan(0);
    expect(
      screen.getByText('p99 latency: success ≤ 250 ms, ≤ 1.5× stable'),
    ).toBeInTheDocument();
  });

  it("counts down to the current step's next decision", async () => {
    const stepStartedAt = new Date(Date.now() - 60_000).toISOString();
    const api = await withRollout(r => {
      r.stepStartedAt = stepStartedAt;
    });
    await renderEntityTab(<ModelDeploymentTab />, api);
    const timer = await screen.findByRole('timer');
    // Held 300 s, measurements at 120, 180 and 240 s: the decision comes at 300 s, 240 s from now.
    expect(timer).toHaveTextContent(
      /^Step 1: next decision in (4 min|3 min 5\d s) \(at .*\): go to step 2 \(25%\), if every measurement passes\. Next measurement in (1 min|5\d s)\.$/,
    );
  });
});
