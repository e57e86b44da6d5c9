import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * The guest acts as Amira of Fraud ML (app-config.yaml), who owns fraud-detector: she may promote the challenger,
 * cannot promote a version its gates stop (and is told why), and needs a second person for the champion.
 */
const portal = portalForTests();

describe('Registry tab in a browser', () => {
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

  it('disables Promote for a version failing its gates, saying why, and shows computed bounds before promoting', async () => {
    const { page } = portal;
    const weak = page.getByRole('button', { name: 'Promote version 5' });
    assert.equal(await weak.isDisabled(), true);
    // The reason is the tooltip of the button's wrapper, in the Model's display names and units.
    assert.equal(
      await weak.locator('xpath=..').getAttribute('title'),
      "v5 fails 3 quality gates: AUC 0.883 is below the minimum 0.9; Precision at 1% FPR 58% is below the minimum 60%; F1 0.73 is below 0.7505 (0.95 × champion's 0.79)",
    );
    await page.getByRole('button', { name: 'Promote version 6' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('list', { name: 'Quality gates' })
      .getByText("F1 ≥ 0.7505 (0.95 × champion's 0.79): 0.81")
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
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
    // Amira asked: the request is not in her notifications (the owners other than her are told).
    await portal.open('/notifications');
    await page
      .getByRole('heading', { name: 'Notifications' })
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByText(/waits for your approval/).count(), 0);
    await page.goBack();
  });

  it('lets a second person approve the request, and champion moves to v6', async () => {
    // Jonas Berg, of the same team, in a browser context of his own.
    const jonas = await portal.asAnotherPerson();
    try {
      const { page } = jonas;
      // The bell: his notifications hold the request, linking to it on the Registry tab.
      await jonas.open('/notifications', 'Jonas Berg');
      const request = page.getByText(
        'fraud-detector: champion → v6 waits for your approval',
      );
      await request.waitFor();
      await jonas.screenshot('notifications-approval-request');
      await request.click();
      await page.waitForURL(
        /\/catalog\/default\/model\/fraud-detector\/registry/,
      );
      const pending = page.locator('article', { hasText: 'Pending approvals' });
      await pending.getByText('champion: v4 → v6').waitFor();
      await pending.getByRole('button', { name: 'Approve' }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel(/Comment/)
        .fill('Checked the gates and the A/B numbers');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await pending.getByText('champion: v4 → v6').waitFor({ state: 'hidden' });
      const aliases = page.locator('article', { hasText: 'Aliases' }).first();
      await aliases
        .getByText(/champion/)
        .first()
        .waitFor();
      assert.match(
        (await aliases.innerText()).replace(/\s+/g, ' '),
        /champion v6/i,
      );
      assert.deepEqual(jonas.takeConsoleErrors(), []);
    } finally {
      await jonas.page.context().close();
    }
  });
});
