import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/*
 * Debian's Chromium driven by playwright-core against a running portal (scripts/e2e.sh starts one), with the
 * flags that keep it off the closed network.
 */
export const baseUrl =
  process.env.MLOPS_E2E_BASE_URL ?? 'http://localhost:7017';
const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

/** Where docs/screenshots/<name>.png goes, for a screenshot of one element (`locator.screenshot`). */
export const screenshotPath = (name: string) =>
  path.join(screenshots, `${name}.png`);

/** The demo's two people, as the sign-in page names them (app-config.yaml auth.providers guest and colleague). */
export type DemoPerson = 'Amira Haddad' | 'Jonas Berg';

export type PortalBrowser = {
  browser: Browser;
  page: Page;
  /** Opens a path of the portal, signing in as `person` (default Amira Haddad) when the sign-in page asks. */
  open(pathname: string, person?: DemoPerson): Promise<void>;
  /** Saves docs/screenshots/<name>.png once the page is idle. */
  screenshot(name: string): Promise<void>;
  /**
   * The console errors and uncaught exceptions since the last call, for the test to assert there are none.
   * Chromium's own "Failed to load resource" lines are left out: they only echo an HTTP status, which the tests
   * assert where they expect one.
   */
  takeConsoleErrors(): string[];
  /** Another person in a browser context of their own (own sign-in, own storage), sharing the browser. */
  asAnotherPerson(): Promise<PortalBrowser>;
};

/** Debian's Chromium, headless, with the flags that keep it off the closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/**
 * The browser of one test file, called once at the file's top level: launched before its tests, closed after them,
 * and after each test it asserts no console error or uncaught exception of the page's own making.
 */
export function portalForTests(): PortalBrowser {
  let current: PortalBrowser | undefined;
  const get = () => {
    if (!current) throw new Error('the browser is launched before the tests');
    return current;
  };
  before(async () => {
    current = await launchPortalBrowser();
  });
  afterEach(() => {
    assert.deepEqual(get().takeConsoleErrors(), []);
  });
  after(async () => {
    await current?.browser.close();
  });
  return {
    get browser() {
      return get().browser;
    },
    get page() {
      return get().page;
    },
    open: (pathname, person) => get().open(pathname, person),
    screenshot: name => get().screenshot(name),
    takeConsoleErrors: () => get().takeConsoleErrors(),
    asAnotherPerson: () => get().asAnotherPerson(),
  };
}

export async function launchPortalBrowser(): Promise<PortalBrowser> {
  return openPortalPage(await launchChromium());
}

async function openPortalPage(browser: Browser): Promise<PortalBrowser> {
  // The size the layout checks are made at: a laptop's 1440×900.
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('console', message => {
    if (
      message.type() === 'error' &&
      !message.text().startsWith('Failed to load resource')
    ) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', error => errors.push(`uncaught: ${error.message}`));
  return {
    browser,
    page,
    async open(pathname, person: DemoPerson = 'Amira Haddad') {
      await page.goto(`${baseUrl}${pathname}`);
      // The sign-in page appears on the first visit only; each person has a card with its own button.
      const signIn = page.locator(
        `xpath=//*[text()="${person}"]/ancestor::*[.//button][1]//button`,
      );
      if (await signIn.isVisible({ timeout: 5_000 }).catch(() => false)) {
        await signIn.click();
      }
    },
    async screenshot(name) {
      await page.waitForLoadState('networkidle');
      await page.screenshot({
        path: screenshotPath(name),
        fullPage: true,
      });
    },
    takeConsoleErrors: () => errors.splice(0),
    asAnotherPerson: () => openPortalPage(browser),
  };
}
