import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/*
 * Debian's Chromium driven by playwright-core against a running portal (scripts/e2e.sh starts one), with the
 * flags that keep it off the closed network.
 */
export const baseUrl =
  process.env.MLOPS_E2E_BASE_URL ?? 'http://localhost:7017';
const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

export type PortalBrowser = {
  browser: Browser;
  page: Page;
  /** Opens a path of the portal, signing in as guest when asked. */
  open(pathname: string): Promise<void>;
  /** Saves docs/screenshots/<name>.png once the page is idle. */
  screenshot(name: string): Promise<void>;
};

export async function launchPortalBrowser(): Promise<PortalBrowser> {
  const browser = await chromium.launch({
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
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1100 },
  });
  page.setDefaultTimeout(30_000);
  return {
    browser,
    page,
    async open(pathname) {
      await page.goto(`${baseUrl}${pathname}`);
      const enter = page.getByRole('button', { name: 'Enter' });
      // Guest sign-in appears on the first visit only.
      if (await enter.isVisible({ timeout: 5_000 }).catch(() => false)) {
        await enter.click();
      }
    },
    async screenshot(name) {
      await page.waitForLoadState('networkidle');
      await page.screenshot({
        path: path.join(screenshots, `${name}.png`),
        fullPage: true,
      });
    },
  };
}
