import {
  MODEL_CARD_SECTIONS,
  ModelCardSectionId,
} from '@mlops-portal/plugin-mlops-common';

/** A model card's text by section: the known sections by id, and the sections the author added, in file order. */
export type ModelCardTextSections = {
  known: Partial<Record<ModelCardSectionId, string>>;
  other: Array<{ title: string; markdown: string }>;
};

const normalized = (heading: string) =>
  heading
    .toLocaleLowerCase('en-US')
    .replace(/[:.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

const SECTION_BY_HEADING = new Map<string, ModelCardSectionId>(
  MODEL_CARD_SECTIONS.flatMap(s =>
    [s.heading, ...s.aliases].map(h => [normalized(h), s.id] as const),
  ),
);

/**
 * The text of a section as the card shows it: without HTML comments, which is how a `MODEL_CARD.md` skeleton
 * gives its owner guidance that is not card text, and trimmed. Empty means the section is not written yet.
 */
export function writtenText(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?(-->|$)/g, '').trim();
}

/**
 * Splits a `MODEL_CARD.md` into sections by its level-2 headings (`## Intended use`), read case-insensitively
 * against `MODEL_CARD_SECTIONS` (each section's heading and aliases, e.g. `## Uses` or `## Model card contact`
 * from a Hugging Face card). Deeper headings stay inside their section; a `#` title is not a section; text before
 * the first section is the summary unless a `## Model details` section follows. Headings inside fenced code
 * blocks are text. A section holding only HTML comments (the skeleton's guidance) or nothing is not written and
 * left out; a heading that is no known section is kept under its own title.
 */
export function parseModelCardMarkdown(
  markdown: string,
): ModelCardTextSections {
  const parts: Array<{ title?: string; lines: string[] }> = [{ lines: [] }];
  let fence: string | undefined;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1][0];
      if (!fence) fence = marker;
      else if (fence === marker) fence = undefined;
    }
    const heading = fence
      ? null
      : /^\s{0,3}(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading && heading[1] === '##') {
      parts.push({ title: heading[2], lines: [] });
    } else if (heading) {
      // A `#` title names the card, not a section.
      continue;
    } else {
      parts[parts.length - 1].lines.push(line);
    }
  }

  const result: ModelCardTextSections = { known: {}, other: [] };
  const [preamble, ...sections] = parts;
  for (const section of sections) {
    const text = writtenText(section.lines.join('\n'));
    if (!text) continue;
    const id = SECTION_BY_HEADING.get(normalized(section.title!));
    if (!id) {
      result.other.push({ title: section.title!, markdown: text });
    } else {
      // A card that repeats a heading (e.g. `## Uses` and `## Direct use`) keeps both texts, in order.
      result.known[id] = result.known[id]
        ? `${result.known[id]}\n\n${text}`
        : text;
    }
  }
  const intro = writtenText(preamble.lines.join('\n'));
  if (intro && !result.known.summary) {
    result.known.summary = intro;
  }
  return result;
}
