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
});
