import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TestApiProvider } from '@backstage/test-utils';
import {
  PromotionRecord,
  RollbackRequest,
} from '@mlops-portal/plugin-mlops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { backendResponseError } from '../../api/backendResponseError';
import { MlopsApi } from '../../api/MlopsApi';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import {
  historyWithRefusal,
  modelWithMetrics,
  namesApi,
  registryWithRegressionGate,
} from '../../__testUtils__/registryTestData';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelRegistryTab } from './ModelRegistryTab';

const renderTab = (
  api: FakeMlopsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  model = modelWithMetrics(),
) =>
  renderEntityTab(
    // The catalog plugin's presentation API, as the app has it: people by their display names.
    <TestApiProvider apis={[namesApi]}>
      <ModelRegistryTab />
    </TestApiProvider>,
    api,
    permission,
    model,
  );

/** The fraud model's registry with a regression gate on F1, and its history with one refused attempt. */
function apiWithRegressionGate() {
  const api = new FakeMlopsApi();
  api.registry = registryWithRegressionGate();
  api.history = historyWithRefusal(api.registry);
  return api;
}

/** The backend's error body for `status`, through the client's error path. */
const backendError = (
  status: number,
  statusText: string,
  name: string,
  message: string,
) =>
  backendResponseError(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
    ),
  );

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

const promoteButton = (version: string) =>
  screen.getByRole('button', { name: `Promote version ${version}` });

describe('ModelRegistryTab', () => {
  it('shows aliases, versions with their gate status, and an empty history', async () => {
    await renderTab(new FakeMlopsApi());
    const aliases = await screen.findByRole('table', { name: 'Aliases' });
    expect(within(aliases).getAllByText('set outside the portal')).toHaveLength(
      2,
    );
    expect(screen.getByText('pass')).toBeInTheDocument();
    expect(screen.getByText('fail (1)')).toBeInTheDocument();
    expect(
      screen.getByText('No alias has been moved through the portal yet.'),
    ).toBeInTheDocument();
  });

  it('promotes with the alias the page saw, and reloads', async () => {
    const api = new FakeMlopsApi();
    await renderTab(api);
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
    await renderTab(api);
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
    await renderTab(new FakeMlopsApi());
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

  it('disables the actions, saying why, without permission', async () => {
    await renderTab(new FakeMlopsApi(), AuthorizeResult.DENY);
    await screen.findByRole('button', { name: 'Promote version 3' });
    await waitFor(() => expect(promoteButton('3')).toBeDisabled());
    expect(promoteButton('3').parentElement).toHaveAttribute(
      'title',
      'You may not promote this model; by default only its owners may',
    );
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
    await renderTab(api);
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
    it('heads metric columns with their display names as written, and shows values in their units', async () => {
      await renderTab(apiWithRegressionGate());
      await screen.findByRole('columnheader', { name: 'AUC' });
      for (const title of [
        'AUC',
        'Precision at 1% FPR',
        'p95 latency',
        // No spec entry: the key as written.
        'f1',
      ]) {
        expect(screen.getByRole('columnheader', { name: title })).toHaveStyle({
          textTransform: 'none',
        });
      }
      const v5 = screen.getByRole('row', { name: /^v5/ });
      expect(v5).toHaveTextContent(/63\.1%.*38 ms.*0\.74/);
      expect(within(v5).getByText('0.74')).toHaveAttribute(
        'title',
        "f1 0.74 is below 0.7505 (0.95 × champion's 0.79)",
      );
    });

    it('disables Promote for a version failing its gates, saying which and why', async () => {
      await renderTab(apiWithRegressionGate());
      await screen.findByRole('button', { name: 'Promote version 5' });
      await waitFor(() => expect(promoteButton('3')).toBeEnabled());
      expect(promoteButton('5')).toBeDisabled();
      expect(promoteButton('5').parentElement).toHaveAttribute(
        'title',
        "v5 fails 1 quality gate: f1 0.74 is below 0.7505 (0.95 × champion's 0.79)",
      );
    });

    it('shows each gate with the bound the backend will check before submitting', async () => {
      await renderTab(apiWithRegressionGate());
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
      await renderTab(apiWithRegressionGate());
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
      await renderTab(api);
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
      await renderTab(api);
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
      await renderTab(api, AuthorizeResult.ALLOW, pullRequestModel());

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
      await renderTab(
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
    it("shows the backend's message instead of the HTTP status", async () => {
      const message =
        "MLflow instance 'default' could not be reached: connect ECONNREFUSED 127.0.0.1:5000";
      const api = new FakeMlopsApi();
      api.getRegistry = async () => {
        throw await backendError(
          503,
          'Service Unavailable',
          'ServiceUnavailableError',
          message,
        );
      };
      await renderTab(api);
      expect(await screen.findByText(`Error: ${message}`)).toBeInTheDocument();
      expect(screen.queryByText(/Request failed with 503/)).toBeNull();
    });

    it("shows a 409's reason in the dialog, not '409 Conflict'", async () => {
      const reason =
        "Alias 'challenger' points at version 4, not 2 as the request expected; look again before moving it";
      const api = new FakeMlopsApi();
      api.promote = async () => {
        throw await backendError(409, 'Conflict', 'ConflictError', reason);
      };
      await renderTab(api);
      const dialog = await promote('3', 'shadow test');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        reason,
      );
      expect(dialog).not.toHaveTextContent(/409/);
    });
  });
});
