import {
  isCollection,
  isMap,
  isScalar,
  isSeq,
  Node,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { isPlainObject, sameData } from './sameData';
import {
  column,
  emptyBlock,
  indentsSeqs,
  insertBlock,
  lineStart,
  NeedsTreeEdit,
  renderScalar,
  TextEdit,
  toLineEnd,
} from './textEdits';

/**
 * The text edits turning `node` (a document's contents, holding `before`) into `after`: a changed value replaces
 * that value's characters, an added key or list item is inserted after its siblings, a removed one loses its
 * lines. Throws {@link NeedsTreeEdit} for a change these edits do not handle.
 */
export function diffManifest(
  text: string,
  node: Node | null,
  before: unknown,
  after: unknown,
): TextEdit[] {
  const edits: TextEdit[] = [];
  diffNode(text, node, before, after, edits, indentsSeqs(text));
  return edits;
}

/** Collects the text edits turning `node` (holding `before`) into `after`. */
function diffNode(
  text: string,
  node: Node | null,
  before: unknown,
  after: unknown,
  edits: TextEdit[],
  indentSeq: boolean,
): void {
  if (sameData(before, after)) return;
  const emptied =
    (isPlainObject(after) && Object.keys(after).length === 0) ||
    (Array.isArray(after) && after.length === 0);
  if (emptied && isCollection(node) && !node.flow && node.range) {
    edits.push(
      emptyBlock(text, node.range, Array.isArray(after) ? '[]' : '{}'),
    );
    return;
  }
  if (isMap(node) && isPlainObject(before) && isPlainObject(after)) {
    diffMap(text, node, before, after, edits, indentSeq);
    return;
  }
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) {
    diffSeq(text, node, before, after, edits, indentSeq);
    return;
  }
  if (
    isScalar(node) &&
    !isPlainObject(after) &&
    !Array.isArray(after) &&
    node.range
  ) {
    edits.push({
      start: node.range[0],
      end: node.range[1],
      text: renderScalar(node, after),
    });
    return;
  }
  throw new NeedsTreeEdit();
}

function diffMap(
  text: string,
  node: YAMLMap,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  edits: TextEdit[],
  indentSeq: boolean,
) {
  const pairs = new Map(
    node.items.map(pair => [
      String((pair.key as any)?.value ?? pair.key),
      pair,
    ]),
  );
  const added = Object.keys(after).filter(k => !(k in before));
  const removed = Object.keys(before).filter(k => !(k in after));
  if ((added.length || removed.length) && node.flow) {
    throw new NeedsTreeEdit();
  }
  for (const key of removed) {
    const pair = pairs.get(key);
    const keyNode = pair?.key as Node | undefined;
    if (!keyNode?.range) throw new NeedsTreeEdit();
    const start = lineStart(text, keyNode.range[0]);
    if (text.slice(start, keyNode.range[0]).trim()) throw new NeedsTreeEdit();
    const last = (pair!.value as Node | null)?.range ?? keyNode.range;
    edits.push({ start, end: toLineEnd(text, last[2]), text: '' });
  }
  for (const key of Object.keys(after)) {
    if (key in before) {
      const pair = pairs.get(key);
      if (!pair) throw new NeedsTreeEdit();
      diffNode(
        text,
        pair.value as Node,
        before[key],
        after[key],
        edits,
        indentSeq,
      );
    }
  }
  if (added.length) {
    const first = node.items[0]?.key as Node | undefined;
    const lastPair = node.items[node.items.length - 1];
    const lastEnd =
      (lastPair?.value as Node | null)?.range?.[2] ??
      (lastPair?.key as Node | undefined)?.range?.[2];
    if (!first?.range || lastEnd === undefined) throw new NeedsTreeEdit();
    edits.push(
      insertBlock(
        text,
        lastEnd,
        column(text, first.range[0]),
        Object.fromEntries(added.map(k => [k, after[k]])),
        indentSeq,
      ),
    );
  }
}

function diffSeq(
  text: string,
  node: YAMLSeq,
  before: unknown[],
  after: unknown[],
  edits: TextEdit[],
  indentSeq: boolean,
) {
  if (before.length !== after.length && node.flow) {
    throw new NeedsTreeEdit();
  }
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) {
    diffNode(
      text,
      node.items[i] as Node,
      before[i],
      after[i],
      edits,
      indentSeq,
    );
  }
  const dashOf = (item: unknown) => {
    const range = (item as Node | null)?.range;
    if (!range) throw new NeedsTreeEdit();
    const dash = text.lastIndexOf('-', range[0]);
    if (dash < lineStart(text, range[0])) throw new NeedsTreeEdit();
    return dash;
  };
  if (after.length < before.length) {
    const start = lineStart(text, dashOf(node.items[common]));
    const lastRange = (node.items[node.items.length - 1] as Node).range!;
    edits.push({ start, end: toLineEnd(text, lastRange[2]), text: '' });
  }
  if (after.length > before.length) {
    if (!node.items.length) throw new NeedsTreeEdit();
    const indent = column(text, dashOf(node.items[0]));
    const lastRange = (node.items[node.items.length - 1] as Node).range!;
    edits.push(
      insertBlock(
        text,
        lastRange[2],
        indent,
        after.slice(before.length),
        indentSeq,
      ),
    );
  }
}
