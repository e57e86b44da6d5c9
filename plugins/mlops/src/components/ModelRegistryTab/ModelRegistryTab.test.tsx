import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import { backendError } from '../../__testUtils__/backendError';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { apiWithRegressionGate } from '../../__testUtils__/registryTestData';
import {
  promoteButton,
  renderRegistryTab,
} from '../../__testUtils__/renderRegistryTab';

// The Registry tab's view: aliases, versions with their metrics and gates, and which actions they allow. Promoting,
// approving, rolling back and the history are in ModelRegistryTab.promotions.test.tsx.

describe('ModelRegistryTab', () => {
  it('shows aliases, versions with their gate status, and an empty history', async () => {
    await renderRegistryTab(new FakeMlopsApi());
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

  it('disables the actions, saying why, without permission', async () => {
    await renderRegistryTab(new FakeMlopsApi(), AuthorizeResult.DENY);
    await screen.findByRole('button', { name: 'Promote version 3' });
    await waitFor(() => expect(promoteButton('3')).toBeDisabled());
    expect(promoteButton('3').parentElement).toHaveAttribute(
      'title',
      'You may not promote this model; by default only its owners may',
    );
  });

  describe("with the Model's metrics and a regression gate", () => {
    it('heads metric columns with their display names as written, and shows values in their units', async () => {
      await renderRegistryTab(apiWithRegressionGate());
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
      await renderRegistryTab(apiWithRegressionGate());
      await screen.findByRole('button', { name: 'Promote version 5' });
      await waitFor(() => expect(promoteButton('3')).toBeEnabled());
      expect(promoteButton('5')).toBeDisabled();
      expect(promoteButton('5').parentElement).toHaveAttribute(
        'title',
        "v5 fails 1 quality gate: f1 0.74 is below 0.7505 (0.95 × champion's 0.79)",
      );
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
      await renderRegistryTab(api);
      expect(await screen.findByText(`Error: ${message}`)).toBeInTheDocument();
      expect(screen.queryByText(/Request failed with 503/)).toBeNull();
    });
  });
});
