import { describe, it } from 'node:test';
import { portalForTests } from './portalBrowser';

/*
 * TechDocs (issue 22): the example fraud-scoring-service's docs, built by the backend's local builder with
 * Debian's mkdocs on first open, render in the reader and link between their pages.
 */
const portal = portalForTests();

describe('TechDocs in a browser', () => {
  it("renders the example service's docs from the Docs index", async () => {
    const { page } = portal;
    await portal.open('/docs');
    await page.getByRole('link', { name: 'Fraud scoring service' }).click();
    await page.waitForURL(/\/docs\/default\/component\/fraud-scoring-service/);
    // The first open builds the docs (mkdocs runs in the backend): give it time.
    await page
      .getByRole('heading', { name: 'Fraud scoring service', level: 1 })
      .last()
      .waitFor({ timeout: 90_000 });
    // The header reads the site's metadata, which exists once the first build published it.
    await page.reload();
    await page
      .getByText('Real-time fraud scores for card authorisations')
      .first()
      .waitFor();
    // The page's own content (in the reader's shadow root), not only the header.
    await page.getByText('how likely is this authorisation').first().waitFor();
    await page
      .getByRole('link', { name: 'Calling the service' })
      .first()
      .waitFor();
    await portal.screenshot('techdocs-fraud-scoring-service');

    await page
      .getByRole('link', { name: 'Calling the service' })
      .first()
      .click();
    await page.waitForURL(/fraud-scoring-service\/calling\/?$/);
    await page
      .getByRole('heading', { name: 'Calling the service', level: 1 })
      .waitFor();
    await page.getByText('Latency').first().waitFor();
  });
});
