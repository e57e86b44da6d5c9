import { KubernetesFake } from './KubernetesFake';
import { seedKubernetes } from './seedKubernetes';
import { ServingOperatorFake } from './ServingOperatorFake';

const TOKEN = 't';
const path =
  '/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector';

describe('ServingOperatorFake', () => {
  const setup = () => {
    const kubernetes = new KubernetesFake(TOKEN);
    seedKubernetes(kubernetes);
    const operator = new ServingOperatorFake(kubernetes);
    operator.readySeconds = 3;
    const read = () =>
      kubernetes.get(
        'machinelearning.seldon.io',
        'seldondeployments',
        'fraud',
        'fraud-detector',
      ) as any;
    const replace = (change: (sdep: any) => void) => {
      const sdep = read();
      change(sdep);
      return kubernetes.handle({
        method: 'PUT',
        path,
        query: new URLSearchParams(),
        authorization: `Bearer ${TOKEN}`,
        body: JSON.stringify(sdep),
      });
    };
    return { kubernetes, operator, read, replace };
  };

  it('reports a predictor available readySeconds after its model appeared, for the generation it saw', () => {
    const { operator, read, replace } = setup();
    operator.reconcile(0);
    expect(read().status).toMatchObject({
      state: 'Creating',
      observedGeneration: 1,
      deploymentStatus: {
        'fraud-detector-stable-0-classifier': {
          replicas: 2,
          availableReplicas: 0,
        },
      },
    });
    operator.reconcile(3000);
    expect(read().status.state).toBe('Available');
    // A new predictor is a new generation; the stable one stays available meanwhile.
    expect(
      replace(sdep => {
        sdep.spec.predictors.push({
          ...sdep.spec.predictors[0],
          name: 'canary',
          traffic: 0,
          graph: { ...sdep.spec.predictors[0].graph, modelUri: 'models:/x/6' },
        });
        sdep.spec.predictors[0].traffic = 100;
      }).status,
    ).toBe(200);
    expect(read().metadata.generation).toBe(2);
    operator.reconcile(4000);
    expect(read().status).toMatchObject({
      state: 'Creating',
      observedGeneration: 2,
      deploymentStatus: {
        'fraud-detector-stable-0-classifier': { availableReplicas: 2 },
        'fraud-detector-canary-0-classifier': { availableReplicas: 0 },
      },
    });
    operator.reconcile(7000);
    expect(read().status.state).toBe('Available');
  });

  it('never readies a version it is told fails to load', () => {
    const { operator, read, replace } = setup();
    operator.unreadyVersions.add('4');
    operator.reconcile(0);
    operator.reconcile(60_000);
    expect(read().status.state).toBe('Creating');
    // Status writes go through the status subresource: a replace keeps the status and the generation.
    replace(sdep => {
      sdep.status = { state: 'Available' };
    });
    expect(read().status.state).toBe('Creating');
    expect(read().metadata.generation).toBe(1);
  });

  it('reports Seldon Core v2 Models and the Experiments over them as Seldon does, without an observedGeneration', () => {
    const kubernetes = new KubernetesFake(TOKEN);
    const operator = new ServingOperatorFake(kubernetes);
    operator.readySeconds = 2;
    operator.unreadyVersions.add('9');
    const model = (name: string, version: string) =>
      kubernetes.add('mlops.seldon.io', 'models', {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Model',
        metadata: {
          name,
          namespace: 'ml',
          annotations: { 'mlops.backstage.io/model-version': version },
        },
        spec: { storageUri: `gs://m/${name}`, replicas: 2 },
      });
    model('iris', '1');
    model('iris2', '2');
    model('iris9', '9');
    kubernetes.add('mlops.seldon.io', 'experiments', {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Experiment',
      metadata: { name: 'ab', namespace: 'ml' },
      spec: {
        default: 'iris',
        candidates: [
          { name: 'iris', weight: 50 },
          { name: 'iris2', weight: 50 },
        ],
        mirror: { name: 'iris9', percent: 100 },
      },
    });
    const status = (plural: string, name: string) =>
      (kubernetes.get('mlops.seldon.io', plural, 'ml', name) as any).status;
    const conditions = (plural: string, name: string) =>
      Object.fromEntries(
        status(plural, name).conditions.map((c: any) => [c.type, c.status]),
      );
    operator.reconcile(0);
    expect(status('models', 'iris')).toEqual({
      replicas: 2,
      conditions: [
        {
          type: 'ModelReady',
          status: 'False',
          reason: 'ModelProgressing',
          message: 'loading the model onto a server',
        },
        {
          type: 'Ready',
          status: 'False',
          reason: 'ModelProgressing',
          message: 'loading the model onto a server',
        },
      ],
    });
    expect(conditions('experiments', 'ab')).toEqual({
      ExperimentReady: 'False',
      CandidatesReady: 'False',
      MirrorReady: 'False',
      Ready: 'False',
    });
    operator.reconcile(2000);
    expect(status('models', 'iris')).toMatchObject({
      replicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'ModelReady', status: 'True', reason: 'ModelAvailable' },
        { type: 'Ready', status: 'True', reason: 'ModelAvailable' },
      ],
    });
    expect(status('models', 'iris')).not.toHaveProperty('observedGeneration');
    expect(status('models', 'iris9').conditions[0]).toMatchObject({
      status: 'False',
      reason: 'ModelFailed',
    });
    // The candidates are loaded, the mirror never is: the experiment does not become active.
    expect(conditions('experiments', 'ab')).toEqual({
      ExperimentReady: 'False',
      CandidatesReady: 'True',
      MirrorReady: 'False',
      Ready: 'False',
    });
  });

  it("reports KServe's rolled-out revision: the last one to get all traffic", () => {
    const kubernetes = new KubernetesFake(TOKEN);
    seedKubernetes(kubernetes);
    const operator = new ServingOperatorFake(kubernetes);
    operator.readySeconds = 1;
    const read = () =>
      kubernetes.get(
        'serving.kserve.io',
        'inferenceservices',
        'growth',
        'churn-predictor',
      ) as any;
    const update = (change: (predictor: any) => void) => {
      const isvc = read();
      change(isvc.spec.predictor);
      kubernetes.handle({
        method: 'PUT',
        path: '/apis/serving.kserve.io/v1beta1/namespaces/growth/inferenceservices/churn-predictor',
        query: new URLSearchParams(),
        authorization: `Bearer ${TOKEN}`,
        body: JSON.stringify(isvc),
      });
    };
    const predictor = () => read().status.components.predictor;
    operator.reconcile(0);
    expect(predictor()).not.toHaveProperty('latestRolledoutRevision');
    operator.reconcile(1000);
    expect(predictor()).toMatchObject({
      latestReadyRevision: 'churn-predictor-predictor-00001',
      latestRolledoutRevision: 'churn-predictor-predictor-00001',
      traffic: [
        { revisionName: 'churn-predictor-predictor-00001', percent: 100 },
      ],
    });
    update(p => {
      p.model.storageUri = 'models:/churn-predictor/3';
      p.canaryTrafficPercent = 20;
    });
    operator.reconcile(2000);
    operator.reconcile(3000);
    expect(predictor()).toMatchObject({
      latestReadyRevision: 'churn-predictor-predictor-00002',
      latestRolledoutRevision: 'churn-predictor-predictor-00001',
      traffic: [
        { revisionName: 'churn-predictor-predictor-00001', percent: 80 },
        { revisionName: 'churn-predictor-predictor-00002', percent: 20 },
      ],
    });
    update(p => {
      delete p.canaryTrafficPercent;
    });
    operator.reconcile(4000);
    expect(predictor()).toMatchObject({
      latestRolledoutRevision: 'churn-predictor-predictor-00002',
      previousRolledoutRevision: 'churn-predictor-predictor-00001',
      traffic: [
        { revisionName: 'churn-predictor-predictor-00002', percent: 100 },
      ],
    });
  });
});
