import { Page } from 'playwright-core';

/**
 * What a person would see as broken layout on the page as rendered: the page or a card, paper or table in `main`
 * wider than its box (unless it scrolls on purpose, `overflow-x: auto|scroll`), and a word of a table cell or a
 * heading split over two lines. Cards are found by element and class (production builds keep MUI's class names). Compares scrollWidth with clientWidth, and the lines a word's Range covers.
 */
export function layoutProblems(
  page: Page,
): Promise<{ problems: string[]; boxes: number; words: number }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    let boxes = 0;
    let words = 0;
    const describe = (el: Element) =>
      (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80);
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
      problems.push(
        `the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth} px)`,
      );
    }
    for (const el of document.querySelectorAll(
      'main article, main table, main [class*="MuiPaper-root"], main [class*="MuiCardContent-root"]',
    )) {
      boxes++;
      const { overflowX } = getComputedStyle(el);
      if (overflowX === 'auto' || overflowX === 'scroll') {
        continue;
      }
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(
          `a ${el.tagName.toLowerCase()} overflows its box (${
            el.scrollWidth
          } > ${el.clientWidth} px): ${describe(el)}`,
        );
      }
    }
    for (const cell of document.querySelectorAll(
      'main td, main th, main h1, main h2, main h3, main h4, main h5, main h6',
    )) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const word of text.matchAll(/\S+/g)) {
          words++;
          const range = document.createRange();
          range.setStart(node, word.index!);
          range.setEnd(node, word.index! + word[0].length);
          const lines = new Set(
            [...range.getClientRects()]
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (lines.size > 1) {
            problems.push(`the word "${word[0]}" breaks in: ${describe(cell)}`);
          }
        }
      }
    }
    return { problems, boxes, words };
  });
}
