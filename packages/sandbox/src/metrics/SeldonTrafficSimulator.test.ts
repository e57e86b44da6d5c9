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

describe('SeldonTrafficSimulator shadows and predictions', () => {
  const withShadow = () => {
    const kubernetes = new KubernetesFake('t');
    seedKubernetes(kubernetes);
    const sdep = kubernetes.get(
      'machinelearning.seldon.io',
      'seldondeployments',
      'fraud',
      'fraud-detector',
    ) as any;
    const { traffic: _live, ...stable } = sdep.spec.predictors[0];
    sdep.spec.predictors.push({
      ...stable,
      name: 'shadow',
      shadow: true,
      labels: { 'mlops.backstage.io/model-version': '6' },
    });
    kubernetes.add('machinelearning.seldon.io', 'seldondeployments', sdep);
    return new SeldonTrafficSimulator(kubernetes, 100);
  };
  const predictionBuckets = (exposition: string, predictor: string) =>
    [
      ...exposition.matchAll(
        new RegExp(
          `^mlops_model_prediction_bucket\\{.*predictor_name="${predictor}".*le="([^"]+)"\\} (\\d+)$`,
          'gm',
        ),
      ),
    ].map(m => [m[1], Number(m[2])]);

  it('mirrors every request to a shadow, which counts no business outcomes', () => {
    const simulator = withShadow();
    simulator.tick(10);
    const exposition = simulator.exposition();
    expect(counts(exposition)).toEqual({
      'stable/200': 996,
      'stable/500': 4,
      'shadow/200': 995,
      'shadow/500': 5,
    });
    expect(exposition).not.toMatch(
      /mlops_model_outcome_total\{[^}]*predictor_name="shadow"/,
    );
  });

  it("exports each predictor's predicted scores, the candidate's alike or shifted", () => {
    const simulator = withShadow();
    simulator.tick(10);
    const stable = predictionBuckets(simulator.exposition(), 'stable');
    // 996 answered requests spread by stable's shares (0.26, 0.3, 0.2, …), whole ones per bin, cumulative.
    expect(stable.slice(0, 3)).toEqual([
      ['0.1', 258],
      ['0.2', 556],
      ['0.3', 755],
    ]);
    expect(stable[stable.length - 1]).toEqual(['+Inf', 988]);
    simulator.candidatePredictions = 'shifted';
    simulator.tick(10);
    const shadow = predictionBuckets(simulator.exposition(), 'shadow');
    // 995 alike, then 995 shifted: 0.25·995 + 0.08·995 below 0.1.
    expect(shadow[0]).toEqual(['0.1', 328]);
  });
});
