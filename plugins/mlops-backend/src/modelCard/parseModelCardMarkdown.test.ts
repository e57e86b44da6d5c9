import { MODEL_CARD_SECTIONS } from '@mlops-portal/plugin-mlops-common';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseModelCardMarkdown } from './parseModelCardMarkdown';

// The wizard's skeleton, as the owner receives it (its `${{ values.name }}` placeholders are not headings).
const SKELETON = readFileSync(
  path.resolve(
    __dirname,
    '../../../../templates/ml-service/skeleton/MODEL_CARD.md',
  ),
  'utf8',
);

/** The skeleton with each guidance comment of a section replaced by text naming the section. */
function filledIn(markdown: string) {
  return markdown.replace(
    /^(## (.*)\n\n)<!--[\s\S]*?-->/gm,
    (_all, head: string, title: string) => `${head}Written: ${title}.`,
  );
}

describe('parseModelCardMarkdown', () => {
  it("reads the template skeleton's sections as not written yet, and no section of its own", () => {
    expect(parseModelCardMarkdown(SKELETON)).toEqual({ known: {}, other: [] });
  });

  it('finds every section of the skeleton by its heading once the owner writes it', () => {
    const card = parseModelCardMarkdown(filledIn(SKELETON));
    expect(card.other).toEqual([]);
    expect(card.known).toEqual(
      Object.fromEntries(
        MODEL_CARD_SECTIONS.map(s => [s.id, `Written: ${s.heading}.`]),
      ),
    );
  });

  it('reads Hugging Face headings, keeps sub-headings in their section and unknown sections by title', () => {
    const card = parseModelCardMarkdown(
      [
        'Intro before any section.',
        '## Uses',
        'Scoring payments.',
        '### Downstream use',
        'Case queues.',
        '## Bias, Risks, and Limitations',
        'Thin-file customers.',
        '## Model Card Contact:',
        'fraud-ml@example.com',
        '## Environmental impact',
        'Trained on 2 CPUs for 20 minutes.',
      ].join('\n'),
    );
    expect(card.known).toEqual({
      summary: 'Intro before any section.',
      intendedUse: 'Scoring payments.\n### Downstream use\nCase queues.',
      limitations: 'Thin-file customers.',
      contact: 'fraud-ml@example.com',
    });
    expect(card.other).toEqual([
      {
        title: 'Environmental impact',
        markdown: 'Trained on 2 CPUs for 20 minutes.',
      },
    ]);
  });
});
