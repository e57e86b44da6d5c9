import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Document, Node, parseAllDocuments } from 'yaml';
import { diffManifest } from './diffManifest';
import { sameData } from './sameData';
import { applyEdits, NeedsTreeEdit } from './textEdits';
import { treeEdit } from './treeEdit';

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
  if (sameData(before, after)) {
    return { text, object: after, changed: false };
  }
  let edited: string;
  try {
    edited = applyEdits(
      text,
      diffManifest(text, doc.contents as Node, before, after),
    );
  } catch (error) {
    if (!(error instanceof NeedsTreeEdit)) throw error;
    edited = treeEdit(text, doc, before, after);
  }
  verifyEdit(edited, docs.length, index, after, file);
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

/** The edited text parsed again must hold as many documents, the edited one equal to `after` as data. */
function verifyEdit(
  edited: string,
  documents: number,
  index: number,
  after: unknown,
  file: string,
) {
  const check = parseAllDocuments(edited);
  if (
    !Array.isArray(check) ||
    check.length !== documents ||
    !sameData(check[index].toJS(), after)
  ) {
    throw new ConflictError(
      `Editing ${file} would not give the intended object; nothing was written`,
    );
  }
}
