import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchPortalBrowser, PortalBrowser } from './portalBrowser';

/*
 * Amira (the demo guest) owns fraud-detector, so she may roll its challenger out by each strategy in turn: a
 * canary (the engine's first tick shifts 5% of the sandbox SeldonDeployment's traffic to it), an A/B test, a
 * shadow (the sandbox mirrors traffic to it and Prometheus gets both predictors' prediction histograms) and a
 * blue-green (the sandbox's operator stand-in reports green ready, the engine switches, she switches back).
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
    await page.getByText('Canary of v6 (champion was v4)').waitFor();
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
    await abort.getByRole('button', { name: 'Abort' }).click();
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
    // The backend's dry run plans the sample before anything starts.
    await dialog.getByRole('button', { name: 'Check plan' }).click();
    await dialog
      .getByText(/^Needs 3,841 requests per arm before any verdict/)
      .waitFor();
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

  /** Aborts the current rollout from its card, giving `reason`. */
  const abortCurrent = async (reason: string) => {
    const { page } = portal;
    await page.getByRole('button', { name: 'Abort' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill(reason);
    await dialog.getByRole('button', { name: 'Abort' }).click();
    await page.getByText('Aborted', { exact: true }).first().waitFor();
  };
  /** Opens a strategy's dialog once the start buttons are enabled again. */
  const openPlan = async (label: string) => {
    const { page } = portal;
    await page.waitForFunction(
      text =>
        ![...document.querySelectorAll('button[disabled]')].some(b =>
          (b.textContent ?? '').includes(text),
        ),
      label,
    );
    await page.getByRole('button', { name: `${label} v6` }).click();
    return page.getByRole('dialog');
  };

  it('aborts the A/B test and shadows the challenger, comparing its predictions with stable', async () => {
    const { page } = portal;
    await abortCurrent('compare the predictions first');
    const dialog = await openPlan('Shadow challenger');
    await dialog.getByLabel(/Shadow for \(minutes\)/).fill('30');
    await dialog.getByRole('button', { name: 'Start shadow' }).click();
    await page.getByText('Shadow of v6 (champion was v4)').waitFor();
    await page.getByText('Shadow: copy of all traffic, 1800s').waitFor();
    // Both predictors' histograms reach Prometheus within a few scrapes; the engine then compares them.
    await page
      .getByText(
        /^Predictions so far: PSI 0\.0\d\d · Jensen–Shannon 0\.0\d\d \(\d+ shadow \/ \d+ stable predictions\)$/,
      )
      .waitFor({ timeout: 60_000 });
    assert.equal(
      await page.getByRole('button', { name: 'Promote now' }).count(),
      0,
    );
    await portal.screenshot('model-deployment-shadow');
  });

  it('aborts the shadow, switches to the challenger blue-green once it is ready, and switches back', async () => {
    const { page } = portal;
    await abortCurrent('shadow looked fine');
    await page
      .getByText(/shadow removed, alias 'shadow' cleared/)
      .first()
      .waitFor();
    const dialog = await openPlan('Blue-green challenger');
    await dialog.getByLabel(/Keep blue warm for/).fill('10');
    await dialog.getByRole('button', { name: 'Start blue-green' }).click();
    await page.getByText('Blue-green of v6 (champion was v4)').waitFor();
    await page
      .getByText(/^green v6 serves all traffic; blue v4 stays warm until /)
      .waitFor({ timeout: 60_000 });
    await portal.screenshot('model-deployment-bluegreen');
    await page.getByRole('button', { name: 'Switch back' }).click();
    const back = page.getByRole('dialog');
    await back.getByLabel(/Reason/).fill('latency alert on green');
    await back.getByRole('button', { name: 'Switch back' }).click();
    await page
      .getByText('latency alert on green; switched back: blue v4 has 100%')
      .waitFor();
  });
});
