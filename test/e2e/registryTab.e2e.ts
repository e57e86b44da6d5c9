import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchPortalBrowser, PortalBrowser } from './portalBrowser';

/*
 * The guest acts as Amira of Fraud ML (app-config.yaml), who owns fraud-detector: she may promote the challenger,
 * sees gates stop a weak version, and needs a second person for the champion.
 */
let portal: PortalBrowser;

describe('Registry tab in a browser', () => {
  before(async () => {
    portal = await launchPortalBrowser();
  });

  after(async () => {
    await portal?.browser.close();
  });

  it('promotes a version to challenger and records it in the history', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/fraud-detector/registry');
    const aliases = page.getByRole('table', { name: 'Aliases' });
    await aliases.getByRole('row', { name: /challenger.*v6/ }).waitFor();

    await page.getByRole('button', { name: 'Promote version 3' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('challenger points at version 6 now.').waitFor();
    await dialog.getByLabel(/Reason/).fill('v3 is cheaper to serve; shadow it');
    await dialog.getByRole('button', { name: 'Promote' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await aliases
      .getByRole('row', { name: /challenger.*v3.*amira/i })
      .waitFor();
    const history = page.getByRole('list', { name: 'Promotion history' });
    await history.getByText('challenger moved v6 → v3').waitFor();
    assert.match(await history.innerText(), /v3 is cheaper to serve/);
    await portal.screenshot('model-registry-tab');
  });

  it('shows the failing gate when a weak version is promoted, and moves nothing', async () => {
    const { page } = portal;
    await page.getByRole('button', { name: 'Promote version 5' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('try the smaller model');
    await dialog.getByRole('button', { name: 'Promote' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /fails 3 quality gate/ })
      .waitFor();
    assert.match(
      await dialog.innerText(),
      /auc = 0\.883 is below the minimum 0\.9/,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('table', { name: 'Aliases' })
      .getByRole('row', { name: /challenger.*v3/ })
      .waitFor();
  });

  it('turns a champion promotion into a request awaiting someone else', async () => {
    const { page } = portal;
    await page.getByRole('button', { name: 'Promote version 6' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Alias').selectOption('champion');
    await dialog.getByLabel(/Reason/).fill('v6 beats v4 on AUC and precision');
    await dialog.getByRole('button', { name: 'Request approval' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const pending = page.locator('article', { hasText: 'Pending approvals' });
    await pending.getByText('champion: v4 → v6').waitFor();
    // Amira asked, so she may not decide.
    assert.equal(
      await pending.getByRole('button', { name: 'Approve' }).isDisabled(),
      true,
    );
    await portal.screenshot('model-registry-pending-approval');
  });
});
