import { AnalysisMetric } from '@mlops-portal/plugin-mlops-node';
import { startPrometheusScraping } from '@mlops-portal/sandbox';
import {
  SELDON_V2_ANALYSIS,
  SELDON_V2_HEALTH_QUERIES,
} from './seldonV2Queries';

jest.setTimeout(90_000);

/*
 * Seldon Core v2's default analysis out of the box: a real Prometheus scrapes agent-shaped counters
 * (`seldon_model_infer_total`, `seldon_model_infer_seconds_total`, api-contracts §2.3) of a stable Model, a
 * healthy candidate answering over REST and a candidate answering 10% of its gRPC calls `Unavailable`, beside an
 * unrelated Model in the same namespace. The queries, rendered as the rollout engine renders them, must give
 * finite numbers that judge the first candidate Successful and the second Failed, and the health queries must
 * label the rollout's Models, and only those, as predictors.
 */

const NAMESPACE = 'payments';
const STABLE = 'scorer';
const HEALTHY = 'scorer-canary-6';
const FAILING = 'scorer-canary-7';
const OTHER = 'scorer2';

/** Per Model: requests per second, the share failing, the mean seconds per request, and how it is called. */
const TRAFFIC: Record<
  string,
  { rps: number; failing: number; mean: number; grpc?: boolean }
> = {
  [STABLE]: { rps: 40, failing: 0, mean: 0.02 },
  [HEALTHY]: { rps: 20, failing: 0, mean: 0.024 },
  [FAILING]: { rps: 20, failing: 0.1, mean: 0.024, grpc: true },
  [OTHER]: { rps: 5, failing: 0.5, mean: 0.5 },
};

/** The agent's counters for every Model, counted from `started` at each Model's rate. */
function exposition(started: number): string {
  const seconds = (Date.now() - started) / 1000;
  const lines = [
    '# TYPE seldon_model_infer_total counter',
    '# TYPE seldon_model_infer_seconds_total counter',
  ];
  for (const [model, t] of Object.entries(TRAFFIC)) {
    const total = Math.floor(seconds * t.rps);
    const failed = Math.floor(total * t.failing);
    const [ok, bad] = t.grpc ? ['OK', 'Unavailable'] : ['200', '500'];
    const labels = (code: string) =>
      `namespace="${NAMESPACE}",server="mlserver",server_replica="0",model="${model}",model_internal="${model}_1",method_type="${
        t.grpc ? 'grpc' : 'rest'
      }",code="${code}"`;
    lines.push(
      `seldon_model_infer_total{${labels(ok)}} ${total - failed}`,
      `seldon_model_infer_seconds_total{${labels(ok)}} ${
        (total - failed) * t.mean
      }`,
    );
    // Like the agent, no failure series until the first failure.
    if (failed > 0) {
      lines.push(
        `seldon_model_infer_total{${labels(bad)}} ${failed}`,
        `seldon_model_infer_seconds_total{${labels(bad)}} ${failed * t.mean}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The placeholders filled in as the rollout engine (and the health service) fill them in. */
const render = (query: string, predictor: string) =>
  query
    .replace(/\{\{namespace\}\}/g, NAMESPACE)
    .replace(/\{\{deployment\}\}/g, STABLE)
    .replace(/\{\{predictor\}\}/g, predictor)
    .replace(/\{\{window\}\}/g, '10s')
    .replace(/\{\{quantile\}\}/g, '0.99');

/** Argo Rollouts' verdict on one measurement with only a success condition, and the bound relative to stable. */
function judge(metric: AnalysisMetric, value: number, stable: number) {
  const { operator, threshold } = metric.successCondition;
  const holds = {
    '<': value < threshold,
    '<=': value <= threshold,
    '>': value > threshold,
    '>=': value >= threshold,
  }[operator];
  const tooFarFromStable =
    metric.maxRatioToStable !== undefined &&
    stable > 0 &&
    value > metric.maxRatioToStable * stable;
  return holds && !tooFarFromStable ? 'Successful' : 'Failed';
}

describe('Seldon Core v2 default queries on a real Prometheus', () => {
  let prometheus: Awaited<ReturnType<typeof startPrometheusScraping>>;
  const measure = async (query: string, predictor: string) => {
    const samples = await prometheus.query(render(query, predictor));
    expect(samples).toHaveLength(1);
    return samples[0].value;
  };
  const [errorRate, meanLatency] = SELDON_V2_ANALYSIS;

  beforeAll(async () => {
    const started = Date.now();
    prometheus = await startPrometheusScraping(() => exposition(started));
    // Until a rate window holds a few scrapes of every Model's failures.
    for (let i = 0; i < 60; i++) {
      const [scrapes] = await prometheus
        .query(
          `count_over_time(seldon_model_infer_total{model="${FAILING}",code="Unavailable"}[10s])`,
        )
        .catch(() => []);
      if ((scrapes?.value ?? 0) >= 4) break;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  });

  afterAll(() => prometheus?.stop());

  it('has an error-rate and a mean-latency metric, the mean being all Seldon v2 measures per model', () => {
    expect(SELDON_V2_ANALYSIS.map(m => m.name)).toEqual([
      'error-rate',
      'mean-latency',
    ]);
  });

  it('judges a healthy candidate Model Successful, with a finite error ratio and mean latency in seconds', async () => {
    const stableErrors = await measure(errorRate.query, STABLE);
    const canaryErrors = await measure(errorRate.query, HEALTHY);
    expect([stableErrors, canaryErrors]).toEqual([0, 0]);
    expect(judge(errorRate, canaryErrors, stableErrors)).toBe('Successful');

    const stableLatency = await measure(meanLatency.query, STABLE);
    const canaryLatency = await measure(meanLatency.query, HEALTHY);
    expect(stableLatency).toBeCloseTo(0.02, 5);
    expect(canaryLatency).toBeCloseTo(0.024, 5);
    expect(judge(meanLatency, canaryLatency, stableLatency)).toBe('Successful');
  });

  it('judges a candidate failing 10% of its gRPC calls Failed', async () => {
    const canaryErrors = await measure(errorRate.query, FAILING);
    expect(canaryErrors).toBeGreaterThan(0.08);
    expect(canaryErrors).toBeLessThan(0.12);
    expect(
      judge(errorRate, canaryErrors, await measure(errorRate.query, STABLE)),
    ).toBe('Failed');
    expect(await measure(meanLatency.query, FAILING)).toBeCloseTo(0.024, 5);
  });

  it("labels the rollout's Models, and no other, as predictors in the health queries", async () => {
    const byPredictor = async (query: string) =>
      Object.fromEntries(
        (await prometheus.query(render(query, ''))).map(s => [
          s.metric.predictor_name,
          s.value,
        ]),
      );
    const rates = await byPredictor(SELDON_V2_HEALTH_QUERIES.requestRate);
    expect(Object.keys(rates).sort()).toEqual([STABLE, HEALTHY, FAILING]);
    expect(rates[STABLE]).toBeGreaterThan(rates[HEALTHY]);
    const errors = await byPredictor(SELDON_V2_HEALTH_QUERIES.errorRate);
    expect(errors[STABLE]).toBe(0);
    expect(errors[FAILING]).toBeGreaterThan(0.08);
    const latencies = await byPredictor(SELDON_V2_HEALTH_QUERIES.latency);
    expect(latencies[STABLE]).toBeCloseTo(0.02, 5);
    expect(latencies[HEALTHY]).toBeCloseTo(0.024, 5);
  });
});
