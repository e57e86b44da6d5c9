import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchPortalBrowser, PortalBrowser } from './portalBrowser';

/*
 * Amira (the demo guest) owns fraud-detector, so she may roll its challenger out as a canary. The engine's first
 * tick shifts 5% of the sandbox SeldonDeployment's traffic to it.
 */
let portal: PortalBrowser;

describe('Deployment tab in a browser', () => {
  before(async () => {
    portal = await launchPortalBrowser();
  });

  after(async () => {
    await portal?.browser.close();
  });

  it('starts a canary rollout of the challenger and shows its steps', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/fraud-detector/deployment');
    const start = page.getByRole('button', { name: 'Roll out challenger v6' });
    await start.waitFor();
    await page.waitForFunction(
      () =>
        !(
          document.querySelector('button[disabled]')?.textContent ?? ''
        ).includes('Roll out challenger'),
    );
    await start.click();
    await page.getByText('Rollout of v6 (champion was v4)').waitFor();
    await page.getByText('5% canary, 300s').waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Pause' }).isEnabled(),
      true,
    );
    // The scheduler's next tick (every 5 s) sets the first step's weight, and the page refreshes every 5 s.
    await page
      .getByText(/step 1: canary at 5%|Progressing/)
      .first()
      .waitFor();
    await portal.screenshot('model-deployment-tab');
  });

  it('aborts the canary and starts an A/B test of the challenger instead', async () => {
    const { page } = portal;
    await page.getByRole('button', { name: 'Abort' }).click();
    const abort = page.getByRole('dialog');
    await abort.getByLabel(/Reason/).fill('test the challenger on conversions');
    await abort.getByRole('button', { name: 'abort' }).click();
    await page.getByText('Aborted', { exact: true }).first().waitFor();

    const open = page.getByRole('button', { name: 'A/B test challenger v6' });
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('button[disabled]')].some(b =>
          (b.textContent ?? '').includes('A/B test challenger'),
        ),
    );
    await open.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Baseline success rate/).fill('10');
    await dialog.getByLabel(/Smallest change worth detecting/).fill('2');
    await dialog.getByRole('button', { name: 'Start A/B test' }).click();
    // The backend planned the sample: 10% → 12% at α 0.05 and power 0.8.
    await page
      .getByText(
        /^A\/B test: 50% to the candidate, 3841 trials per arm planned/,
      )
      .waitFor();
    await page.getByText('50% candidate (A/B split)').waitFor();
    await page.getByText(/no verdict before it is reached/).waitFor();
    await portal.screenshot('model-deployment-abtest');
  });
});
