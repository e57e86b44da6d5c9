import { InputError } from '@backstage/errors';
import { isMap, isScalar, parseDocument, Scalar, YAMLMap } from 'yaml';

/**
 * Where an alias should point, as a promotion in `pull-request` mode writes it into the alias file.
 *
 * @public
 */
export type AliasFileEntry = {
  /** The registered model's name in the registry. */
  registeredModel: string;
  /** The registry's provider (`spec.registry.provider`, e.g. `mlflow`) and the portal's instance name. */
  provider: string;
  instance: string;
  alias: string;
  version: string;
};

const NEW_FILE = `# Registry aliases: which version each alias of a registered model points at.
# CI applies this file to the model registry when it changes on its branch. The MLOps Portal edits it through
# pull requests (registry.changeVia: pull-request); the pull request's review is the approval.
models:
`;

/**
 * Points one alias at one version in the alias file's text (`models.<registeredModel>.aliases.<alias>`, the
 * version a quoted string as registries keep it), creating the file or the model's entry when missing. The
 * `yaml` Document API keeps comments, key order and every other entry as they were. The result is parsed again
 * and must say exactly what was asked, or nothing is written.
 *
 * @public
 */
export function editAliasFile(
  text: string | undefined,
  entry: AliasFileEntry,
  file = 'the alias file',
): { text: string; changed: boolean } {
  const doc = parseDocument(text ?? NEW_FILE);
  if (doc.errors.length) {
    throw new InputError(`${file} is not valid YAML: ${doc.errors[0].message}`);
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    throw new InputError(`${file} is not a map with a 'models' key`);
  }
  const models = doc.get('models', true);
  if (!isMap(models)) {
    if (models !== undefined && !(isScalar(models) && models.value === null)) {
      throw new InputError(`${file}: 'models' is not a map`);
    }
    doc.set('models', new YAMLMap());
  } else if (!models.items.length) {
    models.flow = false;
  }
  const model = doc.getIn(['models', entry.registeredModel], true);
  if (model !== undefined && !isMap(model)) {
    throw new InputError(
      `${file}: 'models.${entry.registeredModel}' is not a map`,
    );
  }
  if (!model) {
    doc.setIn(
      ['models', entry.registeredModel],
      doc.createNode({
        registry: entry.provider,
        instance: entry.instance,
        aliases: {},
      }),
    );
  }
  const path = ['models', entry.registeredModel, 'aliases', entry.alias];
  const current = doc.getIn(path, true);
  if (isScalar(current) && String(current.value) === entry.version) {
    return { text: doc.toString(), changed: false };
  }
  let out: string;
  if (text !== undefined && isScalar(current) && current.range) {
    // An alias that is there already: only the value's characters change (its quoting kept, plain becomes
    // double-quoted), so comments and layout stay byte for byte, which re-printing the tree does not promise.
    const [start, end] = current.range;
    const quote = current.type === Scalar.QUOTE_SINGLE ? "'" : '"';
    out = `${text.slice(0, start)}${quote}${entry.version}${quote}${text.slice(
      end,
    )}`;
  } else {
    const version = new Scalar(entry.version);
    version.type = Scalar.QUOTE_DOUBLE;
    doc.setIn(path, version);
    out = doc.toString();
  }
  const check = parseDocument(out).toJS() as any;
  if (
    String(check?.models?.[entry.registeredModel]?.aliases?.[entry.alias]) !==
    entry.version
  ) {
    throw new InputError(
      `Could not write alias '${entry.alias}' of '${entry.registeredModel}' into ${file}`,
    );
  }
  return { text: out, changed: out !== (text ?? '') };
}
