import { KubernetesFake } from '../kubernetes/KubernetesFake';
import { seedKubernetes } from '../kubernetes/seedKubernetes';
import { SeldonTrafficSimulator } from './SeldonTrafficSimulator';

function counts(exposition: string) {
  const result: Record<string, number> = {};
  for (const match of exposition.matchAll(
    /^seldon_api_executor_server_requests_seconds_count\{.*predictor_name="(\w+)".*code="(\d+)"\} (\d+)$/gm,
  )) {
    result[`${match[1]}/${match[2]}`] = Number(match[3]);
  }
  return result;
}

describe('SeldonTrafficSimulator', () => {
  const setup = () => {
    const kubernetes = new KubernetesFake('t');
    seedKubernetes(kubernetes);
    return {
      kubernetes,
      simulator: new SeldonTrafficSimulator(kubernetes, 100),
    };
  };

  it('sends all traffic to the only predictor', () => {
    const { simulator } = setup();
    simulator.tick(10);
    expect(counts(simulator.exposition())).toEqual({
      'stable/200': 996,
      'stable/500': 4,
    });
  });

  it('follows the traffic split, and makes a bad canary fail and slow down', () => {
    const { kubernetes, simulator } = setup();
    const sdep = kubernetes.get(
      'machinelearning.seldon.io',
      'seldondeployments',
      'fraud',
      'fraud-detector',
    ) as any;
    sdep.spec.predictors = [
      { ...sdep.spec.predictors[0], traffic: 75 },
      {
        ...sdep.spec.predictors[0],
        name: 'canary',
        traffic: 25,
        labels: { 'mlops.backstage.io/model-version': '6' },
      },
    ];
    kubernetes.add('machinelearning.seldon.io', 'seldondeployments', sdep);
    simulator.canaryHealthy = false;
    simulator.tick(10);
    const exposition = simulator.exposition();
    expect(counts(exposition)).toMatchObject({
      'stable/200': 747,
      'canary/500': 50,
      'canary/200': 200,
    });
    expect(exposition).toMatch(
      /seldon_api_executor_server_requests_seconds_bucket\{deployment_name="fraud-detector",predictor_name="canary",predictor_version="6",namespace="fraud",service="predictions",method="post",code="500",le="0.25"\} 0/,
    );
  });
});
