import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from '../portalBrowser';

/*
 * The separate app of test/install, after scripts/install-test.sh installed the packed packages into it by name:
 * its backend (SQLite, the example entities, the sandbox as the upstreams) and its production frontend build, on
 * the new frontend system with no entity page of its own.
 */
const baseUrl = process.env.MLOPS_INSTALL_APP_URL ?? 'http://localhost:7037';
const screenshots = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'docs',
  'screenshots',
);

async function guestToken(): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  assert.equal(response.status, 200, 'guest sign-in');
  const body = await response.json();
  return body.backstageIdentity.token;
}

async function get(pathname: string, token: string) {
  const response = await fetch(`${baseUrl}${pathname}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
}

describe('the MLOps Portal installed into a separate Backstage app', () => {
  let token: string;
  before(async () => {
    token = await guestToken();
    // The readiness check does not wait for the catalog's first processing of its locations: wait for the Model
    // (up to 2 min on 2 cores), and say what the catalog holds if it never comes.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { status } = await get(
        '/api/catalog/entities/by-name/model/default/fraud-detector',
        token,
      );
      if (status === 200) break;
      if (Date.now() > deadline) {
        const { body } = await get(
          '/api/catalog/entities?fields=kind,metadata.name,status',
          token,
        );
        assert.fail(
          `no Model fraud-detector in the catalog after 2 min; it holds ${JSON.stringify(
            body,
          )}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  });

  it('the catalog accepts the Model with its relations to pipeline, feature views, system and owner', async () => {
    const { status, body } = await get(
      '/api/catalog/entities/by-name/model/default/fraud-detector',
      token,
    );
    assert.equal(status, 200);
    const relations = body.relations.map(
      (r: { type: string; targetRef: string }) => `${r.type} ${r.targetRef}`,
    );
    for (const expected of [
      'trainedBy pipeline:default/fraud-detector-training',
      'consumesFeatures featureview:default/customer-transactions',
      'partOf system:default/fraud-detection',
      'ownedBy group:default/fraud-ml',
    ]) {
      assert.ok(relations.includes(expected), `${expected} in ${relations}`);
    }
    const template = await get(
      '/api/catalog/entities/by-name/template/default/ml-service',
      token,
    );
    assert.equal(template.status, 200, 'the "Create new ML service" template');
  });

  it('/api/mlops/v1 answers with the registry view of the Model', async () => {
    const { status, body } = await get(
      '/api/mlops/v1/entities/model/default/fraud-detector/registry',
      token,
    );
    assert.equal(status, 200, JSON.stringify(body));
    assert.ok(body.versions.length > 0, 'versions from the registry');
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    before(async () => {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(30_000);
      page.on('pageerror', error => errors.push(error.message));
    });
    after(async () => {
      await browser?.close();
    });

    it('shows the Model page with its MLOps cards, then the Registry tab with its versions', async () => {
      await page.goto(`${baseUrl}/catalog/default/model/fraud-detector`);
      // create-app's default sign-in page: the guest's Enter button.
      await page.getByRole('button', { name: 'Enter' }).click();
      await page.getByText('ML lineage').first().waitFor();
      await page.getByText('v4 is champion').waitFor();
      // The new entity page's tabs are links in its header.
      const tab = (name: string) =>
        page.getByRole('link', { name, exact: true });
      for (const name of ['Registry', 'Deployment', 'Monitoring']) {
        await tab(name).waitFor();
      }
      await tab('Registry').click();
      const aliases = page.getByRole('table', { name: 'Aliases' });
      await aliases.getByRole('row', { name: /champion/ }).waitFor();
      await page
        .getByRole('button', { name: /Promote version \d+/ })
        .first()
        .waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({
        path: path.join(screenshots, 'install-app-model.png'),
      });
      assert.deepEqual(errors, []);
    });
  });
});
