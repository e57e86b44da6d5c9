import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/*
 * Opens the example model's page in Debian's Chromium against a running portal (scripts/e2e.sh starts one)
 * and checks what a user must see: its owner, its pipeline and its feature views.
 */
const baseUrl = process.env.MLOPS_E2E_BASE_URL ?? 'http://localhost:7017';
const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

let browser: Browser;
let page: Page;

async function open(pathname: string) {
  await page.goto(`${baseUrl}${pathname}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  // Guest sign-in appears on the first visit only.
  if (await enter.isVisible({ timeout: 5_000 }).catch(() => false)) {
    await enter.click();
  }
}

async function screenshot(name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({
    path: path.join(screenshots, `${name}.png`),
    fullPage: true,
  });
}

describe('MLOps Portal in a browser', () => {
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    page.setDefaultTimeout(30_000);
  });

  after(async () => {
    await browser?.close();
  });

  it('shows the example model with its owner, pipeline and feature views', async () => {
    await open('/catalog/default/model/fraud-detector');
    await page
      .getByRole('heading', { name: 'Fraud detector' })
      .first()
      .waitFor();

    const lineage = page.locator('article', { hasText: 'ML lineage' });
    const stage = (name: string) => lineage.getByRole('group', { name });
    await stage('Feature views')
      .getByRole('link', { name: /customer transactions/i })
      .waitFor();
    await stage('Feature views')
      .getByRole('link', { name: /merchant risk/i })
      .waitFor();
    await stage('Pipeline')
      .getByRole('link', { name: /fraud detector training/i })
      .waitFor();
    await stage('Serving')
      .getByRole('link', { name: /fraud scoring service/i })
      .waitFor();

    const overview = page.locator('article', { hasText: 'Quality gates' });
    await overview
      .getByRole('link', { name: /fraud ml/i })
      .first()
      .waitFor();
    assert.match(await overview.innerText(), /auc ≥ 0\.9/);
    assert.match(await overview.innerText(), /xgboost/);

    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: path.join(screenshots, 'model-page.png'),
      fullPage: true,
    });
  });

  it('shows a pipeline with the models it trains', async () => {
    await open('/catalog/default/pipeline/fraud-detector-training');
    await page
      .getByRole('heading', { name: 'Fraud detector training' })
      .first()
      .waitFor();
    const card = page.locator('article', { hasText: 'Kubeflow pipeline' });
    assert.match(await card.innerText(), /0 3 \* \* \*/);
    await card
      .getByRole('link', { name: /fraud detector/i })
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: path.join(screenshots, 'pipeline-page.png'),
      fullPage: true,
    });
  });

  it('shows a feature view with its features', async () => {
    await open('/catalog/default/featureview/customer-transactions');
    await page
      .getByRole('heading', { name: 'Customer transactions' })
      .first()
      .waitFor();
    await page.getByRole('cell', { name: 'txn_amount_sum_24h' }).waitFor();
    await page.getByRole('cell', { name: 'DOUBLE' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: path.join(screenshots, 'feature-view-page.png'),
      fullPage: true,
    });
  });

  it('offers the Model kind in the catalog', async () => {
    await open('/catalog?filters[kind]=model');
    await page.getByRole('link', { name: /churn predictor/i }).waitFor();
    await page
      .getByRole('link', { name: /fraud detector/i })
      .first()
      .waitFor();
    await page.screenshot({
      path: path.join(screenshots, 'catalog-models.png'),
    });
  });
});
