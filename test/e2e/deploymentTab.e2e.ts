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
});
