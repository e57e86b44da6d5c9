import { AnalysisMetric } from '@mlops-portal/plugin-mlops-node';
import { startPrometheusScraping } from '@mlops-portal/sandbox';
import { KSERVE_ANALYSIS, KSERVE_HEALTH_QUERIES } from './kserveQueries';

jest.setTimeout(90_000);

/*
 * KServe's default analysis out of the box: a real Prometheus scrapes Knative-shaped request metrics
 * (`revision_request_count`, `revision_request_latencies` in milliseconds, as the queue-proxy exports them) of a
 * stable revision and two canary revisions, one healthy and one answering 10% 5xx, and the queries, rendered as
 * the rollout engine renders them, must give finite numbers that judge the first Successful and the second Failed.
 */

const NAMESPACE = 'growth';
const SERVICE = 'churn-predictor';
const revision = (n: number) =>
  `${SERVICE}-predictor-${String(n).padStart(5, '0')}`;
const STABLE = revision(1);
const HEALTHY = revision(2);
const ERRORING = revision(3);

/** Per revision: requests per second, the share answered 5xx, and the cumulative share per latency bucket (ms). */
const TRAFFIC: Record<
  string,
  { rps: number; failing: number; buckets: Array<[number, number]> }
> = {
  [STABLE]: {
    rps: 40,
    failing: 0,
    buckets: [
      [10, 0.2],
      [20, 0.6],
      [40, 0.9],
      [80, 0.99],
      [150, 1],
    ],
  },
  [HEALTHY]: {
    rps: 20,
    failing: 0,
    buckets: [
      [10, 0.15],
      [20, 0.55],
      [40, 0.9],
      [80, 0.99],
      [150, 1],
    ],
  },
  [ERRORING]: {
    rps: 20,
    failing: 0.1,
    buckets: [
      [10, 0.15],
      [20, 0.55],
      [40, 0.9],
      [80, 0.99],
      [150, 1],
    ],
  },
};

/** The queue-proxy's series for every revision, counted from `started` at each revision's rate. */
function exposition(started: number): string {
  const seconds = (Date.now() - started) / 1000;
  const lines = [
    '# TYPE revision_request_count counter',
    '# TYPE revision_request_latencies histogram',
  ];
  for (const [name, t] of Object.entries(TRAFFIC)) {
    const labels = `namespace_name="${NAMESPACE}",configuration_name="${SERVICE}-predictor",service_name="${SERVICE}-predictor",revision_name="${name}"`;
    const total = Math.floor(seconds * t.rps);
    const failed = Math.floor(total * t.failing);
    lines.push(
      `revision_request_count{${labels},response_code="200",response_code_class="2xx"} ${
        total - failed
      }`,
    );
    // Like the queue-proxy, no 5xx series until the first 5xx.
    if (t.failing > 0) {
      lines.push(
        `revision_request_count{${labels},response_code="500",response_code_class="5xx"} ${failed}`,
      );
    }
    const histogram = `${labels},response_code="200",response_code_class="2xx"`;
    for (const [le, share] of t.buckets) {
      lines.push(
        `revision_request_latencies_bucket{${histogram},le="${le}"} ${Math.floor(
          total * share,
        )}`,
      );
    }
    lines.push(
      `revision_request_latencies_bucket{${histogram},le="+Inf"} ${total}`,
      `revision_request_latencies_sum{${histogram}} ${total * 25}`,
      `revision_request_latencies_count{${histogram}} ${total}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The placeholders filled in as the rollout engine fills them in for one arm. */
const render = (query: string, predictor: string) =>
  query
    .replace(/\{\{namespace\}\}/g, NAMESPACE)
    .replace(/\{\{deployment\}\}/g, SERVICE)
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

describe('KServe default queries on a real Prometheus', () => {
  let prometheus: Awaited<ReturnType<typeof startPrometheusScraping>>;
  const measure = async (query: string, predictor: string) => {
    const samples = await prometheus.query(render(query, predictor));
    expect(samples).toHaveLength(1);
    return samples[0].value;
  };

  beforeAll(async () => {
    const started = Date.now();
    prometheus = await startPrometheusScraping(() => exposition(started));
    // Until a rate window holds a few scrapes of every revision.
    for (let i = 0; i < 60; i++) {
      const [scrapes] = await prometheus
        .query(
          `count_over_time(revision_request_count{revision_name="${ERRORING}",response_code_class="5xx"}[10s])`,
        )
        .catch(() => []);
      if ((scrapes?.value ?? 0) >= 4) break;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  });

  afterAll(() => prometheus?.stop());

  it('has an error-rate and a p99-latency metric', () => {
    expect(KSERVE_ANALYSIS.map(m => m.name)).toEqual([
      'error-rate',
      'p99-latency',
    ]);
  });

  it('judges a healthy canary revision Successful, with finite ratios and latencies in seconds', async () => {
    const [errorRate, p99] = KSERVE_ANALYSIS;
    const stableErrors = await measure(errorRate.query, STABLE);
    const canaryErrors = await measure(errorRate.query, HEALTHY);
    expect(stableErrors).toBe(0);
    expect(canaryErrors).toBe(0);
    expect(judge(errorRate, canaryErrors, stableErrors)).toBe('Successful');

    const stableLatency = await measure(p99.query, STABLE);
    const canaryLatency = await measure(p99.query, HEALTHY);
    // Milliseconds divided into seconds: the 99th percentile falls in the 40-80 ms bucket.
    for (const latency of [stableLatency, canaryLatency]) {
      expect(Number.isFinite(latency)).toBe(true);
      expect(latency).toBeGreaterThan(0.04);
      expect(latency).toBeLessThanOrEqual(0.08);
    }
    expect(judge(p99, canaryLatency, stableLatency)).toBe('Successful');
  });

  it('judges a canary revision answering 10% 5xx Failed', async () => {
    const [errorRate, p99] = KSERVE_ANALYSIS;
    const canaryErrors = await measure(errorRate.query, ERRORING);
    expect(canaryErrors).toBeGreaterThan(0.08);
    expect(canaryErrors).toBeLessThan(0.12);
    expect(
      judge(errorRate, canaryErrors, await measure(errorRate.query, STABLE)),
    ).toBe('Failed');
    expect(Number.isFinite(await measure(p99.query, ERRORING))).toBe(true);
  });

  it('labels every revision as a predictor in the health queries', async () => {
    const byPredictor = async (query: string) =>
      Object.fromEntries(
        (await prometheus.query(render(query, ''))).map(s => [
          s.metric.predictor_name,
          s.value,
        ]),
      );
    const rates = await byPredictor(KSERVE_HEALTH_QUERIES.requestRate);
    expect(Object.keys(rates).sort()).toEqual([STABLE, HEALTHY, ERRORING]);
    expect(rates[STABLE]).toBeGreaterThan(rates[HEALTHY]);
    const errors = await byPredictor(KSERVE_HEALTH_QUERIES.errorRate);
    expect(errors[STABLE]).toBe(0);
    expect(errors[ERRORING]).toBeGreaterThan(0.08);
    const latencies = await byPredictor(KSERVE_HEALTH_QUERIES.latency);
    expect(latencies[HEALTHY]).toBeGreaterThan(0.04);
    expect(latencies[HEALTHY]).toBeLessThanOrEqual(0.08);
  });
});
