import { GitHubFake } from '../github/GitHubFake';
import { MlflowFake } from '../mlflow/MlflowFake';
import { seedMlflow } from '../mlflow/seedMlflow';
import { ModelRegistryFake } from '../modelRegistry/ModelRegistryFake';
import { seedModelRegistry } from '../modelRegistry/seedModelRegistry';
import { AliasFileCiFake } from './AliasFileCiFake';

describe('AliasFileCiFake (the demo CI applying deploy/aliases.yaml)', () => {
  it('applies the file at the new head to MLflow and the Model Registry once its delay has passed', () => {
    const github = new GitHubFake('t');
    github.seedRepo('acme/serving', { 'README.md': 'hi\n' });
    const mlflow = new MlflowFake();
    seedMlflow(mlflow);
    const registry = new ModelRegistryFake('mr');
    seedModelRegistry(registry);
    const versionIds = (name: string) =>
      (
        registry.handle({
          method: 'GET',
          path: `/registered_models/${
            registry.registeredModel(name)!.id
          }/versions`,
          query: new URLSearchParams(),
          authorization: 'Bearer mr',
        }).body as { items: { id: string }[] }
      ).items.map(v => v.id);
    const firstVersion = versionIds('churn-predictor')[0];
    const told: unknown[] = [];
    const ci = new AliasFileCiFake(
      github,
      mlflow,
      { repo: 'acme/serving', branch: 'main', path: 'deploy/aliases.yaml' },
      1000,
      move => told.push(move),
      { fake: registry, token: 'mr' },
    );
    github.commitFile(
      'acme/serving',
      'main',
      'deploy/aliases.yaml',
      `models:
  fraud-detector:
    registry: mlflow
    aliases:
      champion: "6"
  churn-predictor:
    registry: kubeflow-model-registry
    aliases:
      champion: "${firstVersion}"
`,
      'Promote',
    );
    ci.tick(10_000);
    ci.tick(10_999);
    expect(mlflow.getAlias('fraud-detector', 'champion')).toBe('4');
    ci.tick(11_000);
    expect(mlflow.getAlias('fraud-detector', 'champion')).toBe('6');
    expect(told).toEqual([
      { model: 'fraud-detector', alias: 'champion', version: '6' },
    ]);
    expect(
      (registry.registeredModel('churn-predictor')!.customProperties as any)[
        'mlops.alias.champion'
      ],
    ).toEqual({
      metadataType: 'MetadataStringValue',
      string_value: firstVersion,
    });
    expect(ci.runs).toHaveLength(1);
    expect(ci.runs[0].errors).toEqual([]);
  });
});
