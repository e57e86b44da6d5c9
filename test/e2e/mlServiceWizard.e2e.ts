import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * The "Create new ML service" wizard in the running portal, walked page by page to its review step: the
 * template is registered from app-config, the pickers read the catalog (owners, feature views), and the wizard
 * refuses a name that is not a DNS-1123 label before it lets anyone go on.
 */
const portal = portalForTests();

describe('Create new ML service wizard in a browser', () => {
  it('walks every page to the review, refusing a bad name on the way', async () => {
    const { page } = portal;
    const textbox = (name: string) =>
      page.getByRole('textbox', { name, exact: true });
    const next = () => page.getByRole('button', { name: 'Next' }).click();
    await portal.open('/create/templates/default/ml-service');
    await page.getByText('Create new ML service').first().waitFor();

    // Service: a name with capitals and a space is refused by the wizard itself.
    await textbox('Name').fill('Card Risk');
    await textbox('Description').fill('Scores card payments for risk');
    // The owner is one of the signed-in person's teams; Amira has one, Fraud ML, which the picker fills in.
    await page.locator('input[value="Fraud ML"]').first().waitFor();
    await next();
    await page
      .getByText(/must match pattern/)
      .first()
      .waitFor();
    // The scaffolder itself logs the refused form; that one console error is expected here.
    assert.deepEqual(portal.takeConsoleErrors(), [
      'Form validation failed [Object]',
    ]);
    await textbox('Name').fill('card-risk');
    await next();

    // Model: the feature views come from the catalog.
    await textbox('Feature views').click();
    await page.getByRole('option', { name: 'Customer transactions' }).click();
    await page.keyboard.press('Escape');
    await next();

    // Quality gates, serving (with the licence note), platform: the defaults.
    await page.getByRole('spinbutton', { name: 'Minimum ROC AUC' }).waitFor();
    await next();
    await page.getByText(/Business Source Licence/).waitFor();
    await next();
    await textbox('MLflow instance').waitFor();
    await next();

    // Repository, then the review.
    // The repository fields are free-text autocompletes: their value is taken when the field is left.
    await textbox('Owner').fill('acme');
    await textbox('Owner').press('Tab');
    await textbox('Repository').fill('card-risk');
    await textbox('Repository').press('Tab');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).waitFor();
    for (const shown of [
      'card-risk',
      'group:default/fraud-ml',
      'featureview:default/customer-transactions',
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
