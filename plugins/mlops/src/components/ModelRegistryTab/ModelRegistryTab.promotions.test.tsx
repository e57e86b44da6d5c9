import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PromotionRecord,
  RollbackRequest,
} from '@mlops-portal/plugin-mlops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MlopsApi } from '../../api/MlopsApi';
import { backendError } from '../../__testUtils__/backendError';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import {
  apiWithRegressionGate,
  modelWithMetrics,
} from '../../__testUtils__/registryTestData';
import {
  promoteButton,
  renderRegistryTab,
} from '../../__testUtils__/renderRegistryTab';

// The Registry tab's actions: promoting, approvals, rolling back, pull-request mode and the promotion history. What
// the tab shows before any action is in ModelRegistryTab.test.tsx.

async function promote(version: string, reason: string) {
  fireEvent.click(
    await screen.findByRole('button', { name: `Promote version ${version}` }),
  );
  const dialog = await screen.findByRole('dialog');
  fireEvent.change(within(dialog).getByLabelText(/Reason/), {
    target: { value: reason },
  });
  return dialog;
}

describe('ModelRegistryTab promotions', () => {
  it('promotes with the alias the page saw, and reloads', async () => {
    const api = new FakeMlopsApi();
    await renderRegistryTab(api);
    const dialog = await promote('3', 'shadow test');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(api.promoteCalls).toEqual([
        {
          entityRef: 'model:default/fraud-detector',
          request: {
            alias: 'challenger',
            version: '3',
            reason: 'shadow test',
            expectedCurrentVersion: '2',
          },
        },
      ]),
    );
    expect(
      await screen.findByText('challenger moved v2 → v3'),
    ).toBeInTheDocument();
  });

  it('keeps the dialog open with the failed gates when the backend refuses', async () => {
    const api = new FakeMlopsApi();
    // The page saw v2 pass its gate; by the time the request arrives, the backend finds it failing.
    const failing = api.registry;
    api.registry = structuredClone(failing);
    const seen = api.registry.versions.find(v => v.version === '2')!;
    seen.gates = seen.gates.map(g => ({
      ...g,
      passed: true,
      reason: undefined,
    }));
    seen.gatesPassed = true;
    await renderRegistryTab(api);
    const dialog = await promote('2', 'try the weak one');
    expect(within(dialog).getByText('AUC ≥ 0.9: 0.88')).toBeInTheDocument();
    api.registry = failing;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Version 2 fails 1 quality gate(s): auc = 0.88 is below the minimum 0.9',
    );
    expect(within(dialog).getByLabelText(/Reason/)).toHaveValue(
      'try the weak one',
    );
  });

  it('asks for approval on a protected alias', async () => {
    await renderRegistryTab(new FakeMlopsApi());
    const dialog = await promote('3', 'new champion');
    fireEvent.change(within(dialog).getByLabelText('Alias'), {
      target: { value: 'champion' },
    });
    expect(
      within(dialog).getByText(
        /It is protected: a second person must approve the move./,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    ).toBeEnabled();
  });

  it('lets a second person decide a pending request, but not its requester', async () => {
    const api = new FakeMlopsApi();
    await api.promote('model:default/fraud-detector', {
      alias: 'champion',
      version: '3',
      reason: 'mine',
    });
    api.history.push({
      ...api.history[0],
      id: 'p2',
      requestedBy: 'user:default/jonas.berg',
      reason: 'his',
    });
    await renderRegistryTab(api);
    const pending = await screen.findByRole('list', {
      name: 'Pending approvals',
    });
    expect(screen.getByText('Pending approvals (2)')).toBeInTheDocument();
    expect(within(pending).getByText('Jonas Berg')).toBeInTheDocument();
    const approveButtons = () =>
      within(pending).getAllByRole('button', { name: 'Approve' });
    // Permission and identity load asynchronously; once they have, only the requester's own is disabled.
    await waitFor(() => expect(approveButtons()[1]).toBeEnabled());
    expect(approveButtons()[0]).toBeDisabled();
    fireEvent.click(approveButtons()[1]);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Jonas Berg asked to move champion to v3: his',
    );
    fireEvent.change(within(dialog).getByLabelText(/Comment/), {
      target: { value: 'checked' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.decisions).toEqual([
        { id: 'p2', decision: 'approve', comment: 'checked' },
      ]),
    );
  });

  describe("with the Model's metrics and a regression gate", () => {
    it('shows each gate with the bound the backend will check before submitting', async () => {
      await renderRegistryTab(apiWithRegressionGate());
      await waitFor(() => expect(promoteButton('3')).toBeEnabled());
      const dialog = await promote('3', 'shadow it');
      const gates = within(dialog).getByRole('list', { name: 'Quality gates' });
      expect(
        within(gates)
          .getAllByRole('listitem')
          .map(item => item.textContent),
      ).toEqual([
        'AUC ≥ 0.9: 0.91',
        'Precision at 1% FPR ≥ 60%: 62%',
        'p95 latency ≤ 50 ms: 41 ms',
        "f1 ≥ 0.7505 (0.95 × champion's 0.79): 0.78",
      ]);
    });

    it('says a refused attempt was refused, and names people by their display names', async () => {
      await renderRegistryTab(apiWithRegressionGate());
      const history = await screen.findByRole('list', {
        name: 'Promotion history',
      });
      const [refused, completed] = within(history).getAllByRole('listitem');
      expect(
        within(refused).getByText('Promoting v5 to champion was refused'),
      ).toBeInTheDocument();
      expect(refused).not.toHaveTextContent(/moved/);
      expect(within(refused).getByText('refused')).toBeInTheDocument();
      expect(refused).toHaveTextContent(
        /by Jonas Berg: smaller and faster · gates failed: f1 0\.74 is below 0\.7505/,
      );
      expect(completed).toHaveTextContent('champion moved v3 → v4');
      expect(completed).toHaveTextContent(
        'approved by Omar Khalil: checked the shadow report',
      );
      const aliases = screen.getByRole('table', { name: 'Aliases' });
      expect(
        within(aliases).getByRole('row', {
          name: /champion.*v4.*Amira Haddad/,
        }),
      ).toBeInTheDocument();
      expect(document.body).not.toHaveTextContent('user:default/');
    });

    it('rolls back to the version named in the dialog, and says why a rollback is unavailable', async () => {
      const api = apiWithRegressionGate();
      const rollbacks: RollbackRequest[] = [];
      const mlops: MlopsApi = api;
      mlops.rollback = async (_entityRef, request) => {
        rollbacks.push(request);
        return {
          ...api.history[0],
          id: 'p3',
          action: 'rollback',
          fromVersion: '4',
          toVersion: '3',
          state: 'completed',
        } satisfies PromotionRecord;
      };
      await renderRegistryTab(api);
      const challenger = await screen.findByRole('button', {
        name: 'Roll back challenger',
      });
      expect(challenger).toBeDisabled();
      expect(challenger.parentElement).toHaveAttribute(
        'title',
        'challenger was set to v3 outside the portal, so the portal has no earlier version to return to',
      );

      const champion = screen.getByRole('button', {
        name: 'Roll back champion',
      });
      await waitFor(() => expect(champion).toBeEnabled());
      fireEvent.click(champion);
      const dialog = await screen.findByRole('dialog', {
        name: 'Roll back champion to v3',
      });
      expect(dialog).toHaveTextContent(
        'champion points at v4 now, moved there by Amira Haddad. Rolling back points it at v3 again',
      );
      fireEvent.change(within(dialog).getByLabelText(/Reason/), {
        target: { value: 'v4 misses fraud rings' },
      });
      fireEvent.click(
        within(dialog).getByRole('button', { name: 'Roll back to v3' }),
      );
      await waitFor(() =>
        expect(rollbacks).toEqual([
          { alias: 'champion', reason: 'v4 misses fraud rings' },
        ]),
      );
    });

    it('says why Roll back is unavailable while a request for the alias is open', async () => {
      const api = apiWithRegressionGate();
      api.history.push({
        ...api.history[0],
        id: 'p3',
        fromVersion: '4',
        toVersion: '3',
        state: 'pending_approval',
        decidedBy: undefined,
      });
      await renderRegistryTab(api);
      const champion = await screen.findByRole('button', {
        name: 'Roll back champion',
      });
      expect(champion).toBeDisabled();
      expect(champion.parentElement).toHaveAttribute(
        'title',
        'The request to move champion to v3 waits for approval; it must finish first',
      );
    });
  });

  describe('in pull-request mode (registry.changeVia: pull-request)', () => {
    const url = (n: number) =>
      `https://github.example.com/mlops-demo/serving-manifests/pull/${n}`;
    const pullRequestModel = () => {
      const model = modelWithMetrics();
      model.spec.registry = {
        ...model.spec.registry!,
        changeVia: 'pull-request',
      };
      return model;
    };

    it('shows a promotion waiting for its pull request with a link and no Approve/Reject, and links the PR of a merged one', async () => {
      const api = apiWithRegressionGate();
      const [first] = api.history;
      api.history = [
        {
          ...first,
          id: 'merged',
          fromVersion: '3',
          toVersion: '4',
          state: 'completed',
          decidedBy: undefined,
          decisionComment:
            'merged through pull request #11 by jonas-berg; CI applies the alias file to the registry',
          completedAt: '2026-12-01T10:00:00Z',
          gates: [],
          pullRequest: {
            number: 11,
            url: url(11),
            state: 'merged',
            repoUrl: 'https://github.example.com/mlops-demo/serving-manifests',
            path: 'deploy/aliases.yaml',
            mergedBy: 'jonas-berg',
            mergedAt: '2026-12-01T10:00:00Z',
          },
        },
        {
          ...first,
          id: 'waiting',
          fromVersion: '4',
          toVersion: '6',
          state: 'pending_pull_request',
          decidedBy: undefined,
          gates: [],
          pullRequest: {
            number: 12,
            url: url(12),
            state: 'open',
            repoUrl: 'https://github.example.com/mlops-demo/serving-manifests',
            path: 'deploy/aliases.yaml',
          },
        },
      ];
      await renderRegistryTab(api, AuthorizeResult.ALLOW, pullRequestModel());

      const waiting = await screen.findByRole('list', {
        name: 'Promotions waiting for pull requests',
      });
      expect(
        within(waiting).getByRole('link', {
          name: /Waiting for pull request #12/,
        }),
      ).toHaveAttribute('href', url(12));
      expect(within(waiting).queryByRole('button')).toBeNull();
      expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
      expect(screen.queryByText(/Pending approvals/)).toBeNull();

      const timeline = screen.getByRole('list', { name: 'Promotion history' });
      expect(
        within(timeline).getByText(
          'Promoting v6 to champion waits for pull request #12',
        ),
      ).toBeInTheDocument();
      expect(
        within(timeline).getByRole('link', { name: /pull request #11/ }),
      ).toHaveAttribute('href', url(11));
      expect(
        within(timeline).getByText(/merged by jonas-berg at/),
      ).toBeInTheDocument();
      // An open request holds the alias: no rollback meanwhile.
      expect(
        screen.getByRole('button', { name: 'Roll back champion' }),
      ).toBeDisabled();
    });

    it('offers to open a pull request for a protected alias', async () => {
      await renderRegistryTab(
        new FakeMlopsApi(),
        AuthorizeResult.ALLOW,
        pullRequestModel(),
      );
      const dialog = await promote('3', 'v3 beats v2');
      fireEvent.change(within(dialog).getByLabelText('Alias'), {
        target: { value: 'champion' },
      });
      expect(
        within(dialog).getByText(/the portal opens a pull request/),
      ).toBeInTheDocument();
      expect(
        within(dialog).getByRole('button', { name: 'Open pull request' }),
      ).toBeInTheDocument();
    });
  });

  describe('when the backend fails', () => {
    it("shows a 409's reason in the dialog, not '409 Conflict'", async () => {
      const reason =
        "Alias 'challenger' points at version 4, not 2 as the request expected; look again before moving it";
      const api = new FakeMlopsApi();
      api.promote = async () => {
        throw await backendError(409, 'Conflict', 'ConflictError', reason);
      };
      await renderRegistryTab(api);
      const dialog = await promote('3', 'shadow test');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        reason,
      );
      expect(dialog).not.toHaveTextContent(/409/);
    });
  });
});
