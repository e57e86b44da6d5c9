import { Scalar, stringify } from 'yaml';

/** Characters `start`..`end` of the file's text replaced by `text`. */
export type TextEdit = { start: number; end: number; text: string };

/** A layout the text edits do not handle (a flow collection that changes shape, a type change): edit the tree. */
export class NeedsTreeEdit extends Error {}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of sorted) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/**
 * A block collection that becomes empty: `key:` followed by its lines turns into `key: {}` (a bare `key:` would
 * read as null).
 */
export function emptyBlock(
  text: string,
  range: [number, number, number],
  empty: string,
): TextEdit {
  const start = lineStart(text, range[0]);
  const keyLine = text.slice(lineStart(text, start - 1), start - 1);
  if (
    start === 0 ||
    text.slice(start, range[0]).trim() ||
    !/:\s*$/.test(keyLine)
  ) {
    throw new NeedsTreeEdit();
  }
  return {
    start: start - 1,
    end: toLineEnd(text, range[2]),
    text: ` ${empty}\n`,
  };
}

/** A new value in the old one's quoting style, on one line. */
export function renderScalar(node: Scalar, value: unknown): string {
  const quoted =
    typeof value === 'string' &&
    (node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE)
      ? { defaultStringType: node.type }
      : {};
  const rendered = stringify(value, { lineWidth: 0, ...quoted }).replace(
    /\n$/,
    '',
  );
  if (rendered.includes('\n')) throw new NeedsTreeEdit();
  return rendered;
}

/**
 * The insertion of `value` (an object's new keys or a list's new items) as a block after the characters ending at
 * `lastEnd`, at the given indentation.
 */
export function insertBlock(
  text: string,
  lastEnd: number,
  indent: number,
  value: unknown,
  indentSeq: boolean,
): TextEdit {
  const at = toLineEnd(text, lastEnd);
  const block = stringify(value, { indentSeq, lineWidth: 0 });
  return {
    start: at,
    end: at,
    text: (text[at - 1] === '\n' ? '' : '\n') + indentLines(block, indent),
  };
}

/** Whether the file indents a block sequence under its key (`key:\n  - a`) rather than not (`key:\n- a`). */
export function indentsSeqs(text: string): boolean {
  return !/^( *)[^\s#-][^\n]*:[ \t]*(#[^\n]*)?\n\1- /m.test(text);
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

export function column(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** `pos`, or the start of the next line when `pos` is inside a line. */
export function toLineEnd(text: string, pos: number): number {
  if (pos === 0 || text[pos - 1] === '\n') return pos;
  const newline = text.indexOf('\n', pos);
  return newline < 0 ? text.length : newline + 1;
}

function indentLines(block: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return block
    .split('\n')
    .map(line => (line ? pad + line : line))
    .join('\n');
}
