import { parse } from 'yaml';
import { editAliasFile } from './editAliasFile';

const aliasInFile = (text: string, model: string, alias: string) =>
  parse(text).models[model].aliases[alias];

const entry = {
  registeredModel: 'fraud-detector',
  provider: 'mlflow',
  instance: 'default',
  alias: 'champion',
  version: '7',
};

describe('editAliasFile', () => {
  it('changes only the alias it is asked to, keeping comments, order and other models byte for byte', () => {
    const text = `# Applied to MLflow by CI on merge. Do not edit by hand.
models:
  # the fraud team's model
  fraud-detector:
    registry: mlflow
    instance: default
    aliases:
      champion: "6" # since the November retrain
      challenger: '7'
  churn-predictor:   # kept in the Kubeflow Model Registry
    registry: kubeflow-model-registry
    instance: default
    aliases:
      champion: "3"

# trailing note
`;
    const { text: out, changed } = editAliasFile(text, entry);
    expect(changed).toBe(true);
    expect(out).toBe(
      text.replace(
        'champion: "6" # since the November retrain',
        'champion: "7" # since the November retrain',
      ),
    );
    expect(aliasInFile(out, 'fraud-detector', 'champion')).toBe('7');
    expect(aliasInFile(out, 'churn-predictor', 'champion')).toBe('3');
  });

  it('adds a model or an alias that is missing, and creates the file', () => {
    const created = editAliasFile(undefined, entry).text;
    expect(created).toMatch(/^# Registry aliases/);
    expect(created).toContain(
      'models:\n  fraud-detector:\n    registry: mlflow\n    instance: default\n    aliases:\n      champion: "7"\n',
    );
    const added = editAliasFile(created, {
      ...entry,
      alias: 'challenger',
      version: '8',
    }).text;
    expect(added).toContain('      champion: "7"\n      challenger: "8"\n');
    expect(editAliasFile(added, entry).changed).toBe(false);
  });

  it('refuses a file that is not an alias file', () => {
    expect(() => editAliasFile('models: [a, b]\n', entry)).toThrow(
      /'models' is not a map/,
    );
    expect(() => editAliasFile('models: {\n', entry)).toThrow(/not valid YAML/);
  });
});
