import { crdSchemaFor } from './crdSchemas';
import { KubernetesObject } from './kubernetesWire';
import { validateCustomResource } from './validateCustomResource';

const v2 = (plural: string) => ({
  group: 'mlops.seldon.io',
  version: 'v1alpha1',
  plural,
});
const causes = (plural: string, object: KubernetesObject) => {
  const verdict = validateCustomResource(v2(plural), object, true);
  return verdict.valid ? [] : verdict.details.causes.map(c => c.message);
};

/* The Seldon Core v2 schemas written for the stand-in (crds/SOURCES.md) against the documentation's own samples. */
describe('Seldon Core v2 CRD schemas', () => {
  it('are served for Models and Experiments at v1alpha1', () => {
    expect(crdSchemaFor('mlops.seldon.io', 'models')).toMatchObject({
      kind: 'Model',
      version: 'v1alpha1',
    });
    expect(crdSchemaFor('mlops.seldon.io', 'experiments')).toMatchObject({
      kind: 'Experiment',
      version: 'v1alpha1',
    });
  });

  it('take the documented Model and refuse what Seldon would not', () => {
    const model = {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'iris' },
      spec: {
        storageUri:
          'gs://seldon-models/scv2/samples/mlserver_1.6.0/iris-sklearn',
        requirements: ['sklearn'],
        memory: '100Ki',
        replicas: 1,
        parameters: [{ name: 'temperature', value: '0.1' }],
      },
    };
    expect(causes('models', model)).toEqual([]);
    expect(
      causes('models', {
        ...model,
        spec: { requirements: 'sklearn', memory: 'lots', replicas: '2' },
      } as KubernetesObject),
    ).toEqual([
      'spec.requirements: Invalid value: "string": spec.requirements in body must be of type array: "string"',
      `spec.memory: Invalid value: "lots": spec.memory in body should match '${
        crdSchemaFor('mlops.seldon.io', 'models')!.openAPIV3Schema.properties!
          .spec.properties!.memory.pattern as string
      }'`,
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.storageUri: Required value',
    ]);
  });

  it('take the documented A/B and mirror Experiments and refuse what Seldon would not', () => {
    const experiment = {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Experiment',
      metadata: { name: 'experiment-sample' },
      spec: {
        default: 'iris',
        candidates: [
          { name: 'iris', weight: 50 },
          { name: 'iris2', weight: 50 },
        ],
      },
    };
    expect(causes('experiments', experiment)).toEqual([]);
    expect(
      causes('experiments', {
        ...experiment,
        spec: {
          default: 'pipeline-add10',
          resourceType: 'pipeline',
          candidates: [{ name: 'pipeline-add10', weight: 100 }],
          mirror: { name: 'pipeline-mul10', percent: 100 },
        },
      }),
    ).toEqual([]);
    expect(
      causes('experiments', {
        ...experiment,
        spec: {
          candidates: [{ name: 'iris', weight: -5 }, { weight: 5 }],
          mirror: { name: 'iris3', percentage: 10 },
          resourceType: 'graph',
        },
      }),
    ).toEqual([
      'spec.candidates[0].weight: Invalid value: -5: spec.candidates[0].weight in body should be greater than or equal to 0',
      'spec.candidates[1].name: Required value',
      'spec.mirror.percent: Required value',
      'spec.resourceType: Unsupported value: "graph": supported values: "model", "pipeline"',
      'strict decoding error: unknown field "spec.mirror.percentage"',
    ]);
  });
});
