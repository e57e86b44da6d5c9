import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * Search (issue 22): the ML result type finds Models, Pipelines and FeatureViews by their facts. A feature name
 * finds the feature view that computes it and the Model that consumes it, the Model's result shows its champion
 * and health, and the filters narrow by framework. The backend indexes ML 30 s after start (app-config.yaml), long
 * before this file runs; a look is repeated for a while in case the first index is still being written.
 */
const portal = portalForTests();

/** Opens the search page and picks the ML result type (the page starts on the software catalog's). */
async function openMlResults(pathname: string) {
  await portal.open(pathname);
  await portal.page.getByText('ML', { exact: true }).first().click();
}

describe('Search in a browser', () => {
  it('finds a feature view and the model consuming it by a feature name', async () => {
    const { page } = portal;
    const fraudDetector = page.getByTestId(
      'mlops-search-result-model:default/fraud-detector',
    );
    for (let attempt = 1; ; attempt++) {
      await openMlResults('/search?query=txn_amount_sum_24h');
      const found = await fraudDetector
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (found) break;
      assert.ok(attempt < 6, 'the ML index never held fraud-detector');
    }
    const view = page.getByTestId(
      'mlops-search-result-featureview:default/customer-transactions',
    );
    await view.waitFor();
    assert.match(await view.innerText(), /txn_amount_sum_24h/);
    assert.match(await view.innerText(), /FeatureView/);
    const model = await fraudDetector.innerText();
    assert.match(model, /Champion v\d+/);
    assert.match(model, /AUC 0\.\d+/);
    assert.match(model, /Health:/);
    assert.match(model, /Feature views: .*Customer transactions/);
    assert.equal(
      await fraudDetector.getByRole('link').first().getAttribute('href'),
      '/catalog/default/model/fraud-detector',
    );
    await portal.screenshot('search-model-result');
  });

  it('narrows ML results by framework', async () => {
    const { page } = portal;
    await openMlResults('/search');
    // The filter's label sits in the form control beside its select button.
    await page
      .getByText('Framework', { exact: true })
      .locator('xpath=..')
      .locator('[role="button"]')
      .click();
    await page.getByRole('option', { name: 'lightgbm' }).click();
    await page
      .getByTestId('mlops-search-result-model:default/churn-predictor')
      .waitFor();
    assert.equal(
      await page
        .getByTestId('mlops-search-result-model:default/fraud-detector')
        .count(),
      0,
    );
  });
});
