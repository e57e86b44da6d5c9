import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutProblems } from './layoutProblems';
import { portalForTests } from './portalBrowser';

/*
 * At 1440×900, on every tab of the examples' Model, Pipeline, FeatureView and serving Component pages and on the
 * catalog list, no table or card overflows its box and no cell or heading breaks a word (see layoutProblems).
 */
const portal = portalForTests();

const pages: Array<{ path: string; tabs: string[] }> = [
  {
    path: '/catalog/default/model/fraud-detector',
    tabs: ['', '/registry', '/deployment', '/monitoring'],
  },
  {
    path: '/catalog/default/model/churn-predictor',
    tabs: ['', '/registry', '/deployment', '/monitoring'],
  },
  {
    path: '/catalog/default/pipeline/fraud-detector-training',
    tabs: ['', '/runs'],
  },
  { path: '/catalog/default/featureview/customer-transactions', tabs: [''] },
  {
    path: '/catalog/default/component/fraud-scoring-service',
    tabs: ['', '/kubernetes', '/dependencies'],
  },
  { path: '/catalog?filters[kind]=model&filters[user]=all', tabs: [''] },
];

describe('Layout at 1440×900', () => {
  it('finds a word broken over two lines and a card wider than its box, when a page has them', async () => {
    const { page } = portal;
    await portal.open('/catalog/default/model/fraud-detector');
    await page.locator('main td').first().waitFor();
    // A cell holding a long word in a box too narrow for it, and a card given content wider than itself.
    await page.evaluate(() => {
      const card = document.querySelector('main article')!;
      const table = document.createElement('table');
      table.innerHTML =
        '<tbody><tr><td><div style="width: 40px; word-break: break-all">Supercalifragilistic</div></td></tr></tbody>';
      card.appendChild(table);
      const wide = document.createElement('div');
      wide.style.minWidth = '3000px';
      wide.textContent = 'wide';
      card.appendChild(wide);
    });
    const { problems } = await layoutProblems(page);
    assert.ok(
      problems.some(p => p.startsWith('the word ')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some(p => p.includes('overflows its box')),
      problems.join('\n'),
    );
  });

  // forEach, not a for loop: each test reads the `portal` the before hook sets.
  pages.forEach(({ path, tabs }) => {
    it(`keeps every tab of ${path} inside its cards, words whole`, async () => {
      const { page } = portal;
      const problems: string[] = [];
      for (const tab of tabs) {
        await portal.open(`${path}${tab}`);
        await page.locator('main').first().waitFor();
        await page.waitForLoadState('networkidle');
        // Cards load their data after the page: wait until no progress indicator is left.
        await page
          .locator('main [role="progressbar"]')
          .first()
          .waitFor({ state: 'detached', timeout: 5_000 })
          .catch(() => undefined);
        const found = await layoutProblems(page);
        // The check looked at something: cards or tables, and words in cells or headings.
        assert.ok(
          found.boxes > 0 && found.words > 0,
          `${path}${tab}: nothing checked`,
        );
        for (const problem of found.problems) {
          problems.push(`${path}${tab}: ${problem}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });
});
