import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * Amira's team owns the fraud training pipeline, so she may run it. The sandbox's Kubeflow stand-in takes the
 * run, and the Runs tab shows it next to the pipeline's earlier runs.
 */
const portal = portalForTests();

describe('Pipeline Runs tab in a browser', () => {
  it('starts a run with a changed parameter and shows it among the runs', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/pipeline/fraud-detector-training/runs');
    await page.getByText('nightly 2026-11-26').waitFor();
    // The seeded run that registered fraud-detector v6 in MLflow links to the Model.
    await page.getByRole('link', { name: 'fraud-detector v6' }).waitFor();
    const run = page.getByRole('button', { name: 'Run pipeline' });
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('button[disabled]')].some(b =>
          (b.textContent ?? '').includes('Run pipeline'),
        ),
    );
    await run.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^max_depth/).fill('13');
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await page
      .getByText(/^fraud-detector-training by amira\.haddad /)
      .first()
      .waitFor();
    assert.equal(
      (await page.getByText('max_depth=13', { exact: false }).count()) > 0,
      true,
    );
    await portal.screenshot('pipeline-runs-tab');
  });
});
