import {
  RolloutRecord,
  ServingGitOps,
} from '@mlops-portal/plugin-mlops-common';
import { screen, within } from '@testing-library/react';
import { exampleModel } from '../../__testUtils__/exampleEntities';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelDeploymentTab } from './ModelDeploymentTab';

const REPO = 'https://github.example.com/mlops-demo/serving-manifests';
const HEAD = 'c0ffee1234567890c0ffee1234567890c0ffee12';
const OLDER = 'badc0de234567890badc0de234567890badc0de2';

/** The example Model managed from Git, as churn-predictor is in the demo. */
function gitOpsModel() {
  const model = exampleModel();
  model.spec.serving = {
    ...model.spec.serving!,
    gitops: {
      repoUrl: REPO,
      path: 'serving/fraud-detector.yaml',
      branch: 'main',
      mode: 'commit',
      controller: {
        type: 'argocd',
        instance: 'default',
        application: 'fraud-detector',
      },
    },
  };
  return model;
}

function answer(change: (value: ServingGitOps) => void = () => {}) {
  const value: ServingGitOps = {
    entityRef: 'model:default/fraud-detector',
    source: {
      repoUrl: REPO,
      path: 'serving/fraud-detector.yaml',
      branch: 'main',
      mode: 'commit',
      links: {
        repo: REPO,
        branch: `${REPO}/tree/main`,
        file: `${REPO}/blob/main/serving/fraud-detector.yaml`,
      },
    },
    revision: {
      branchHead: { sha: HEAD, url: `${REPO}/commit/${HEAD}` },
      lastCommit: {
        sha: HEAD,
        url: `${REPO}/commit/${HEAD}`,
        title: 'Canary v6 at 5%',
        author: 'mlops-demo-bot',
      },
    },
    live: { state: 'matches', differences: [] },
    argocd: {
      instance: 'default',
      application: 'fraud-detector',
      url: 'https://argocd.example.com/applications/fraud-detector',
      sync: 'Synced',
      health: 'Healthy',
      revision: HEAD,
      revisionUrl: `${REPO}/commit/${HEAD}`,
    },
    readAt: '2026-12-02T10:00:00.000Z',
  };
  change(value);
  return value;
}

/** Backstage's Link tells screen readers an external link opens a new window; the text people see is without it. */
const NEW_WINDOW = ', Opens in a new window';
const seen = (element: HTMLElement) =>
  (element.textContent ?? '').split(NEW_WINDOW).join('');
const linkName = (name: string) => `${name}${NEW_WINDOW}`;

const card = async () =>
  (await screen.findByText('Traffic is managed from Git (GitOps)')).closest(
    '.MuiCard-root',
  ) as HTMLElement;

describe('The Git card of the Deployment tab', () => {
  it('links the repository, manifest, branch and revision, says live matches Git, and shows Argo CD', async () => {
    const api = new FakeMlopsApi();
    api.servingGitOps = answer();
    await renderEntityTab(
      <ModelDeploymentTab />,
      api,
      undefined,
      gitOpsModel(),
    );
    const git = await card();
    await within(git).findByText('Live matches Git');
    const link = (name: string) =>
      within(git).getByRole('link', { name: linkName(name) });
    expect(link('mlops-demo/serving-manifests')).toHaveAttribute('href', REPO);
    expect(link('serving/fraud-detector.yaml')).toHaveAttribute(
      'href',
      `${REPO}/blob/main/serving/fraud-detector.yaml`,
    );
    expect(link('main')).toHaveAttribute('href', `${REPO}/tree/main`);
    expect(seen(git)).toContain(
      'Mode: commit: each traffic change is a commit to main',
    );
    expect(seen(git)).toContain(
      'Manifest revision: c0ffee1 Canary v6 at 5% · mlops-demo-bot',
    );
    expect(
      within(git).getAllByRole('link', { name: linkName('c0ffee1') })[0],
    ).toHaveAttribute('href', `${REPO}/commit/${HEAD}`);
    expect(link('fraud-detector')).toHaveAttribute(
      'href',
      'https://argocd.example.com/applications/fraud-detector',
    );
    expect(seen(git)).toContain(
      'Argo CD: fraud-detector (instance default) · Synced · Healthy · synced to c0ffee1 (the branch head)',
    );
    expect(api.servingGitOpsCalls).toEqual(['model:default/fraud-detector']);
  });

  it('lists how live differs from Git, an Argo CD out of sync, and an Argo CD that cannot be read', async () => {
    const api = new FakeMlopsApi();
    api.servingGitOps = answer(v => {
      v.live = {
        state: 'differs',
        differences: ['The canary receives 25% in Git, 5% live'],
      };
      v.argocd = { ...v.argocd!, sync: 'OutOfSync', revision: OLDER };
      delete v.argocd.revisionUrl;
    });
    const { unmount } = await renderEntityTab(
      <ModelDeploymentTab />,
      api,
      undefined,
      gitOpsModel(),
    );
    let git = await card();
    await within(git).findByText('Live differs from Git');
    expect(
      within(git).getByRole('list', {
        name: 'Differences between live and Git',
      }),
    ).toHaveTextContent('The canary receives 25% in Git, 5% live');
    expect(seen(git)).toContain('OutOfSync · Healthy · synced to badc0de');
    expect(seen(git)).not.toContain('(the branch head)');
    unmount();

    api.servingGitOps = answer(v => {
      v.argocd = {
        instance: 'default',
        application: 'fraud-detector',
        error: {
          status: 503,
          message:
            "Argo CD 'default' could not read application fraud-detector: connect ECONNREFUSED",
        },
      };
    });
    await renderEntityTab(
      <ModelDeploymentTab />,
      api,
      undefined,
      gitOpsModel(),
    );
    git = await card();
    await within(git).findByText(/could not be read/);
    expect(seen(git)).toContain(
      "Argo CD: fraud-detector could not be read: Argo CD 'default' could not read application fraud-detector: connect ECONNREFUSED",
    );
    // Git itself was read: the rest of the card is there.
    expect(seen(git)).toContain('Live matches Git');
  });

  it('keeps the repository from the entity when Git cannot be read, and is absent for a Model not managed from Git', async () => {
    const api = new FakeMlopsApi();
    const failing = new FakeMlopsApi();
    failing.getServingGitOps = async () => {
      throw new Error('GitHub (github.example.com) did not answer getRef');
    };
    const { unmount } = await renderEntityTab(
      <ModelDeploymentTab />,
      failing,
      undefined,
      gitOpsModel(),
    );
    const git = await card();
    await within(git).findByText(/Could not read Git/);
    expect(seen(git)).toContain(
      'Could not read Git: GitHub (github.example.com) did not answer getRef',
    );
    expect(
      within(git).getByRole('link', {
        name: linkName('mlops-demo/serving-manifests'),
      }),
    ).toHaveAttribute('href', REPO);
    unmount();

    await renderEntityTab(<ModelDeploymentTab />, api);
    await screen.findByText('Live traffic');
    expect(
      screen.queryByText('Traffic is managed from Git (GitOps)'),
    ).toBeNull();
    expect(api.servingGitOpsCalls).toEqual([]);
  });
});

describe('Git changes in the rollout timeline', () => {
  it('links the commit or pull request behind each step and ending, with where it stands', async () => {
    const api = new FakeMlopsApi();
    const rollout: RolloutRecord = await api.startRollout({
      entityRef: 'model:default/fraud-detector',
      version: '6',
    });
    const base = {
      type: 'transition' as const,
      actor: 'mlops:rollout-engine',
      stepIndex: 0,
      from: 'Progressing' as const,
      to: 'Progressing' as const,
    };
    rollout.events = [
      {
        ...base,
        at: '2026-12-02T10:00:00.000Z',
        reason: 'step 1: committed',
        git: {
          sha: HEAD,
          url: `${REPO}/commit/${HEAD}`,
          status: 'awaiting-sync',
        },
      },
      {
        ...base,
        at: '2026-12-02T10:01:00.000Z',
        reason: 'step 2: pull request opened',
        stepIndex: 1,
        git: {
          url: `${REPO}/pull/7`,
          pullRequest: { number: 7, url: `${REPO}/pull/7` },
          status: 'awaiting-merge',
        },
      },
      {
        ...base,
        at: '2026-12-02T10:02:00.000Z',
        reason: 'step 2: merged',
        stepIndex: 1,
        git: {
          sha: OLDER,
          url: `${REPO}/pull/7`,
          pullRequest: { number: 7, url: `${REPO}/pull/7` },
          status: 'awaiting-sync',
        },
      },
      {
        ...base,
        at: '2026-12-02T10:03:00.000Z',
        reason: 'aborted',
        stepIndex: 1,
        to: 'Aborted',
        actor: 'user:default/omar.khalil',
        git: {
          sha: OLDER,
          url: `${REPO}/commit/${OLDER}`,
          direct: true,
          status: 'applied',
        },
      },
    ];
    rollout.state = 'Aborted';
    await renderEntityTab(<ModelDeploymentTab />, api);
    const timeline = await screen.findByRole('list', {
      name: 'Rollout timeline',
    });
    const changes = within(timeline)
      .getAllByTestId('rollout-git-change')
      .map(seen);
    // Newest first.
    expect(changes).toEqual([
      '· badc0de direct (emergency) · applied',
      '· PR #7 (merge commit badc0de) · merged',
      '· PR #7 · awaiting merge',
      '· c0ffee1 · committed',
    ]);
    const rows = within(timeline).getAllByRole('listitem');
    expect(
      within(rows[0]).getByRole('link', { name: linkName('badc0de') }),
    ).toHaveAttribute('href', `${REPO}/commit/${OLDER}`);
    expect(
      within(rows[1]).getByRole('link', { name: linkName('PR #7') }),
    ).toHaveAttribute('href', `${REPO}/pull/7`);
    expect(
      within(rows[3]).getByRole('link', { name: linkName('c0ffee1') }),
    ).toHaveAttribute('href', `${REPO}/commit/${HEAD}`);
  });
});
