import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * The Monitoring tab against the e2e sandbox scraped by Debian's Prometheus (scripts/e2e.sh): traffic per
 * served version, alerts, and drift appearing after the sandbox's feature distributions shift.
 */
const SANDBOX = 'http://127.0.0.1:7011';
const portal = portalForTests();

describe('Monitoring tab in a browser', () => {
  after(async () => {
    await fetch(`${SANDBOX}/model-metrics/drift`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ drifted: false }),
    });
  });

  it('shows live traffic per version, and drift once the inputs shift', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/fraud-detector/monitoring');
    await page.getByText('Served versions').waitFor();
    await page.getByRole('cell', { name: 'v4' }).waitFor();
    await page
      .getByRole('img', { name: /^Traffic \(requests\/s\): .*stable v4/ })
      .waitFor();
    // The champion's training run logged the drift reference (the sandbox's MLflow serves it); now the
    // sandbox's inputs shift.
    await page
      .getByRole('heading', {
        name: /^(No drift|Feature drift|Dataset drifted|Drift alert firing)/,
      })
      .waitFor();
    const shifted = await fetch(`${SANDBOX}/model-metrics/drift`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ drifted: true }),
    });
    assert.equal(shifted.status, 200);
    const deadline = Date.now() + 90_000;
    for (;;) {
      await page.waitForTimeout(3_000);
      await page.reload();
      await page.getByText('Served versions').waitFor();
      const drifted = await page
        .getByRole('cell', { name: 'txn_amount_sum_24h' })
        .locator('xpath=..')
        .getByText('drifted', { exact: true })
        .count();
      if (drifted > 0) break;
      assert.ok(
        Date.now() < deadline,
        'txn_amount_sum_24h never showed as drifted',
      );
    }
    await page
      .getByRole('list', { name: 'Health reasons' })
      .getByText(/drift: .*txn_amount_sum_24h/)
      .waitFor();
    // The e2e Prometheus is minutes old: the shortest range shows its points best.
    await page.getByRole('button', { name: /1h/ }).click();
    await page.getByRole('option', { name: '15m' }).click();
    await page
      .getByRole('img', { name: /^Traffic \(requests\/s\): .*stable v4/ })
      .waitFor();
    await page.waitForTimeout(1000);
    await portal.screenshot('model-monitoring-tab');
  });
});
