import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchPortalBrowser, PortalBrowser } from './portalBrowser';

/*
 * The "Create new ML service" wizard in the running portal, walked page by page to its review step: the
 * template is registered from app-config, the pickers read the catalog (owners, feature views), and the wizard
 * refuses a name that is not a DNS-1123 label before it lets anyone go on.
 */
let portal: PortalBrowser;

describe('Create new ML service wizard in a browser', () => {
  before(async () => {
    portal = await launchPortalBrowser();
  });

  after(async () => {
    await portal?.browser.close();
  });

  it('walks every page to the review, refusing a bad name on the way', async () => {
    const { page } = portal;
    await portal.open('/create/templates/default/ml-service');
    await page.getByText('Create new ML service').first().waitFor();

    const next = () => page.getByRole('button', { name: 'Next' }).click();
    const name = page.getByRole('textbox', { name: /^Name/ });
    await name.fill('Card Risk');
    await page
      .getByRole('textbox', { name: /^Description/ })
      .fill('Scores card payments for risk');
    await page.getByRole('combobox', { name: /^Owner/ }).fill('fraud');
    await page.getByRole('option', { name: /fraud/i }).first().click();
    await next();
    // The wizard's own validation: still on the first page, the name's rule shown.
    await page
      .getByText(/must match pattern/i)
      .first()
      .waitFor();
    await name.fill('card-risk');
    await next();

    // Model: the feature views come from the catalog.
    await page.getByText('Label column').first().waitFor();
    await page.getByRole('combobox', { name: /^Feature views/ }).click();
    await page.getByRole('option', { name: /customer-transactions/ }).click();
    await page.keyboard.press('Escape');
    await next();

    // Quality gates, serving (with the licence note), platform: the defaults.
    await page.getByText('Minimum ROC AUC').first().waitFor();
    await next();
    await page
      .getByText(/Business Source Licence/)
      .first()
      .waitFor();
    await next();
    await page.getByText('MLflow instance').first().waitFor();
    await next();

    // Repository, then the review.
    await page.getByRole('textbox', { name: /^Owner/ }).fill('acme');
    await page.getByRole('textbox', { name: /^Repository/ }).fill('card-risk');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).waitFor();
    for (const shown of [
      'card-risk',
      'featureview:default/customer-transactions',
      'xgboost',
    ]) {
      assert.equal(
        (await page.getByText(shown, { exact: false }).count()) > 0,
        true,
        `the review shows ${shown}`,
      );
    }
    await portal.screenshot('ml-service-wizard-review');
  });
});
