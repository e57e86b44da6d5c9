import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { isDeepStrictEqual } from 'node:util';
import {
  Document,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Node,
  parseAllDocuments,
  Scalar,
  stringify,
  YAMLMap,
  YAMLSeq,
} from 'yaml';

/**
 * Which object of a manifest file an edit is about: the document whose `apiVersion` group, `kind`,
 * `metadata.name` and `metadata.namespace` match (a document without a namespace matches any: the controller's
 * destination namespace applies).
 *
 * @public
 */
export type ManifestObjectRef = {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
};

/**
 * The result of {@link editManifest}: the file's new text, the edited object as plain data, and whether the
 * text changed at all.
 *
 * @public
 */
export type ManifestEdit<T> = { text: string; object: T; changed: boolean };

type Edit = { start: number; end: number; text: string };

/** A layout the text edits do not handle (a flow collection that changes shape, a type change): edit the tree. */
class NeedsTreeEdit extends Error {}

/** Equal as data (the `yaml` package's plain objects and a structured clone differ in prototype only). */
function same(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(
    JSON.parse(JSON.stringify(a ?? null)),
    JSON.parse(JSON.stringify(b ?? null)),
  );
}

/**
 * Applies `change` to one object of a multi-document YAML file and writes back only what differs: a changed
 * value replaces that value's characters (keeping its quoting), an added key or list item is inserted after its
 * siblings at their indentation, a removed one loses its lines. Comments, key order, blank lines and the other
 * documents stay byte for byte. Layouts beyond that (a flow collection changing shape, a value changing type)
 * are edited through the `yaml` Document tree, which keeps comments and order but may re-indent that document;
 * either way the result is parsed again and must equal `change`'s object, or nothing is written.
 *
 * @public
 */
export function editManifest<T>(
  text: string,
  ref: ManifestObjectRef,
  change: (object: T) => T,
  file = 'the manifest',
): ManifestEdit<T> {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) {
    throw new InputError(`${file} is not YAML`);
  }
  const broken = docs.find(d => d.errors.length);
  if (broken) {
    throw new InputError(
      `${file} is not valid YAML: ${broken.errors[0].message}`,
    );
  }
  const index = findDocument(docs, ref, file);
  const doc = docs[index];
  const before = doc.toJS() as T;
  const after = change(structuredClone(before));
  if (same(before, after)) {
    return { text, object: after, changed: false };
  }
  let edited: string;
  try {
    const edits: Edit[] = [];
    diffNode(
      text,
      doc.contents as Node,
      before,
      after,
      edits,
      indentsSeqs(text),
    );
    edited = applyEdits(text, edits);
  } catch (error) {
    if (!(error instanceof NeedsTreeEdit)) throw error;
    edited = treeEdit(text, doc, before, after);
  }
  const check = parseAllDocuments(edited);
  if (
    !Array.isArray(check) ||
    check.length !== docs.length ||
    !same(check[index].toJS(), after)
  ) {
    throw new ConflictError(
      `Editing ${file} would not give the intended object; nothing was written`,
    );
  }
  return { text: edited, object: after, changed: edited !== text };
}

function findDocument(
  docs: Document.Parsed[],
  ref: ManifestObjectRef,
  file: string,
): number {
  const group = (apiVersion: unknown) =>
    typeof apiVersion === 'string' ? apiVersion.split('/')[0] : undefined;
  const matches = docs.flatMap((doc, i) => {
    const object = doc.toJS() as any;
    const ok =
      object?.kind === ref.kind &&
      group(object.apiVersion) === group(ref.apiVersion) &&
      object.metadata?.name === ref.name &&
      (object.metadata?.namespace ?? ref.namespace) === ref.namespace;
    return ok ? [i] : [];
  });
  if (matches.length === 0) {
    throw new NotFoundError(
      `${file} has no ${ref.kind} ${ref.namespace}/${ref.name}`,
    );
  }
  if (matches.length > 1) {
    throw new ConflictError(
      `${file} has ${matches.length} documents for ${ref.kind} ${ref.namespace}/${ref.name}; which one to edit is unclear`,
    );
  }
  return matches[0];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects the text edits turning `node` (holding `before`) into `after`. */
function diffNode(
  text: string,
  node: Node | null,
  before: unknown,
  after: unknown,
  edits: Edit[],
  indentSeq: boolean,
): void {
  if (same(before, after)) return;
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
  edits: Edit[],
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
    const indent = column(text, first.range[0]);
    const at = toLineEnd(text, lastEnd);
    const block = stringify(Object.fromEntries(added.map(k => [k, after[k]])), {
      indentSeq,
      lineWidth: 0,
    });
    edits.push({
      start: at,
      end: at,
      text: (text[at - 1] === '\n' ? '' : '\n') + indentLines(block, indent),
    });
  }
}

function diffSeq(
  text: string,
  node: YAMLSeq,
  before: unknown[],
  after: unknown[],
  edits: Edit[],
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
    const at = toLineEnd(text, lastRange[2]);
    const block = stringify(after.slice(before.length), {
      indentSeq,
      lineWidth: 0,
    });
    edits.push({
      start: at,
      end: at,
      text: (text[at - 1] === '\n' ? '' : '\n') + indentLines(block, indent),
    });
  }
}

/**
 * A block collection that becomes empty: `key:` followed by its lines turns into `key: {}` (a bare `key:` would
 * read as null).
 */
function emptyBlock(
  text: string,
  range: [number, number, number],
  empty: string,
): Edit {
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
function renderScalar(node: Scalar, value: unknown): string {
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

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of sorted) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** The fallback: the document's tree edited where values differ, its contents written out again. */
function treeEdit(
  text: string,
  doc: Document.Parsed,
  before: unknown,
  after: unknown,
): string {
  patchTree(doc, [], before, after);
  const contents = doc.contents as Node;
  if (!contents.range) {
    throw new ConflictError('The manifest document has no contents to edit');
  }
  const alone = new Document();
  alone.contents = contents;
  const start = lineStart(text, contents.range[0]);
  return (
    text.slice(0, start) +
    alone.toString({ indentSeq: indentsSeqs(text), lineWidth: 0 }) +
    text.slice(toLineEnd(text, contents.range[2]))
  );
}

function patchTree(
  doc: Document,
  path: (string | number)[],
  before: unknown,
  after: unknown,
) {
  if (same(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) doc.deleteIn([...path, key]);
    }
    for (const key of Object.keys(after)) {
      if (key in before)
        patchTree(doc, [...path, key], before[key], after[key]);
      else doc.setIn([...path, key], after[key]);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) {
      patchTree(doc, [...path, i], before[i], after[i]);
    }
    for (let i = before.length - 1; i >= after.length; i--) {
      doc.deleteIn([...path, i]);
    }
    for (let i = before.length; i < after.length; i++) {
      doc.addIn(path, after[i]);
    }
    return;
  }
  if (path.length === 0) {
    doc.contents = doc.createNode(after) as any;
    return;
  }
  const existing = doc.getIn(path, true);
  if (isCollection(existing) || isPair(existing) || !isScalar(existing)) {
    doc.setIn(path, doc.createNode(after));
  } else {
    doc.setIn(path, after);
  }
}

/** Whether the file indents a block sequence under its key (`key:\n  - a`) rather than not (`key:\n- a`). */
function indentsSeqs(text: string): boolean {
  return !/^( *)[^\s#-][^\n]*:[ \t]*(#[^\n]*)?\n\1- /m.test(text);
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function column(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** `pos`, or the start of the next line when `pos` is inside a line. */
function toLineEnd(text: string, pos: number): number {
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
