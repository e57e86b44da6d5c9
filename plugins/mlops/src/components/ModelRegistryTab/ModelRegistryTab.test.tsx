import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeMlopsApi } from '../../__testUtils__/FakeMlopsApi';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { ModelRegistryTab } from './ModelRegistryTab';

const renderTab = (
  api: FakeMlopsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) => renderEntityTab(<ModelRegistryTab />, api, permission);

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
    await renderTab(new FakeMlopsApi());
    const dialog = await promote('2', 'try the weak one');
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
    const button = () =>
      screen.getByRole('button', { name: 'Promote version 3' });
    await screen.findByRole('button', { name: 'Promote version 3' });
    await waitFor(() => expect(button()).toBeDisabled());
    expect(button().parentElement).toHaveAttribute(
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
    expect(
      await screen.findByText('Pending approvals (2)'),
    ).toBeInTheDocument();
    const approveButtons = () =>
      within(
        screen.getByRole('list', { name: 'Pending approvals' }),
      ).getAllByRole('button', {
        name: 'Approve',
      });
    // Permission and identity load asynchronously; once they have, only the requester's own is disabled.
    await waitFor(() => expect(approveButtons()[1]).toBeEnabled());
    expect(approveButtons()[0]).toBeDisabled();
    fireEvent.click(approveButtons()[1]);
    const dialog = await screen.findByRole('dialog');
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
});
