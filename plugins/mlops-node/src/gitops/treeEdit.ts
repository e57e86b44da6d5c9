import { ConflictError } from '@backstage/errors';
import { Document, isCollection, isPair, isScalar, Node } from 'yaml';
import { isPlainObject, sameData } from './sameData';
import { indentsSeqs, lineStart, toLineEnd } from './textEdits';

/**
 * The fallback when the text edits cannot express a change: the document's tree edited where values differ, its
 * contents written out again in place (comments and key order kept, that document possibly re-indented).
 */
export function treeEdit(
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
  if (sameData(before, after)) return;
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
