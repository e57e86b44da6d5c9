import { KubernetesFake } from '../kubernetes/KubernetesFake';

/** Error ratio and typical latency of one predictor's answers. */
export type PredictorHealth = { errorRate: number; latencySeconds: number };

const BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];
const STABLE: PredictorHealth = { errorRate: 0.004, latencySeconds: 0.045 };
const HEALTHY_CANARY: PredictorHealth = {
  errorRate: 0.005,
  latencySeconds: 0.05,
};
const BAD_CANARY: PredictorHealth = { errorRate: 0.2, latencySeconds: 0.6 };

type Series = {
  labels: Record<string, string>;
  buckets: number[];
  count: number;
  sum: number;
};

/**
 * DEMO STAND-IN for a Seldon Core v1 executor's metrics: sends simulated prediction traffic to each predictor of
 * every SeldonDeployment in the Kubernetes stand-in, split by the predictors' current `traffic` weights, and
 * exposes `seldon_api_executor_server_requests_seconds` histograms with the labels of api-contracts §2. The
 * canary's error rate and latency follow {@link SeldonTrafficSimulator.canaryHealthy}, so a rollout's analysis
 * can be watched succeeding or failing. Each answered request also counts as a business outcome
 * (`mlops_model_outcome_total{outcome="success"|"failure"}`) at the predictor's success rate, for A/B tests.
 */
export class SeldonTrafficSimulator {
  canaryHealthy = true;
  /** The share of a predictor's requests that end in the business outcome A/B tests judge (e.g. a conversion). */
  successRates = { stable: 0.1, canary: 0.1 };
  private readonly series = new Map<string, Series>();
  private readonly outcomes = new Map<string, number>();
  private readonly carry = new Map<string, number>();

  constructor(
    private readonly kubernetes: KubernetesFake,
    private readonly requestsPerSecond = 40,
  ) {}

  /** Simulates `seconds` of traffic. */
  tick(seconds: number) {
    for (const sdep of this.kubernetes.listAll(
      'machinelearning.seldon.io',
      'seldondeployments',
    )) {
      const predictors = ((sdep.spec as any)?.predictors ?? []) as Array<{
        name: string;
        traffic?: number;
        shadow?: boolean;
        labels?: Record<string, string>;
      }>;
      const live = predictors.filter(p => !p.shadow);
      for (const predictor of live) {
        const weight = predictor.traffic ?? (live.length === 1 ? 100 : 0);
        const health =
          predictor.name === 'canary' ? this.canaryHealth() : STABLE;
        const base = {
          deployment_name: sdep.metadata.name,
          predictor_name: predictor.name,
          predictor_version:
            predictor.labels?.['mlops.backstage.io/model-version'] ?? '',
          namespace: sdep.metadata.namespace ?? '',
          service: 'predictions',
          method: 'post',
        };
        const key = JSON.stringify(base);
        const requests =
          (this.carry.get(key) ?? 0) +
          (this.requestsPerSecond * seconds * weight) / 100;
        const whole = Math.floor(requests);
        this.carry.set(key, requests - whole);
        // Fractions carry over between ticks, so low traffic still shows the configured error ratio.
        const expectedErrors =
          (this.carry.get(`${key}/errors`) ?? 0) + whole * health.errorRate;
        const errors = Math.floor(expectedErrors);
        this.carry.set(`${key}/errors`, expectedErrors - errors);
        this.observe({ ...base, code: '500' }, errors, health.latencySeconds);
        this.observe(
          { ...base, code: '200' },
          whole - errors,
          health.latencySeconds,
        );
        // Outcomes of the answered requests: successes at the predictor's rate, fractions carried over.
        const rate =
          predictor.name === 'canary'
            ? this.successRates.canary
            : this.successRates.stable;
        const expectedSuccesses =
          (this.carry.get(`${key}/successes`) ?? 0) + (whole - errors) * rate;
        const successes = Math.floor(expectedSuccesses);
        this.carry.set(`${key}/successes`, expectedSuccesses - successes);
        const outcomeBase = {
          deployment_name: base.deployment_name,
          predictor_name: base.predictor_name,
          namespace: base.namespace,
        };
        this.count({ ...outcomeBase, outcome: 'success' }, successes);
        this.count(
          { ...outcomeBase, outcome: 'failure' },
          whole - errors - successes,
        );
      }
    }
  }

  private canaryHealth(): PredictorHealth {
    return this.canaryHealthy ? HEALTHY_CANARY : BAD_CANARY;
  }

  /** The Prometheus text exposition of every series seen so far. */
  exposition(): string {
    const lines = [
      '# HELP seldon_api_executor_server_requests_seconds Latency of predictions served by the Seldon executor.',
      '# TYPE seldon_api_executor_server_requests_seconds histogram',
    ];
    for (const s of this.series.values()) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      BUCKETS.forEach((le, i) =>
        lines.push(
          `seldon_api_executor_server_requests_seconds_bucket{${labels},le="${le}"} ${s.buckets[i]}`,
        ),
      );
      lines.push(
        `seldon_api_executor_server_requests_seconds_bucket{${labels},le="+Inf"} ${s.count}`,
      );
      lines.push(
        `seldon_api_executor_server_requests_seconds_sum{${labels}} ${s.sum.toFixed(
          6,
        )}`,
      );
      lines.push(
        `seldon_api_executor_server_requests_seconds_count{${labels}} ${s.count}`,
      );
    }
    lines.push(
      '# HELP mlops_model_outcome_total Answered predictions by business outcome (what A/B tests judge).',
      '# TYPE mlops_model_outcome_total counter',
    );
    for (const [labels, total] of this.outcomes) {
      lines.push(`mlops_model_outcome_total{${labels}} ${total}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private count(labels: Record<string, string>, n: number) {
    const key = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + n);
  }

  /** Records `n` requests, half a little faster and half a little slower than `latency`. */
  private observe(labels: Record<string, string>, n: number, latency: number) {
    const key = JSON.stringify(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, buckets: BUCKETS.map(() => 0), count: 0, sum: 0 };
      this.series.set(key, s);
    }
    const fast = Math.floor(n / 2);
    for (const [count, value] of [
      [fast, latency * 0.8],
      [n - fast, latency * 1.2],
    ]) {
      BUCKETS.forEach((le, i) => {
        if (value <= le) {
          s!.buckets[i] += count;
        }
      });
      s.count += count;
      s.sum += count * value;
    }
  }
}
