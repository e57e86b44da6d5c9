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

/** Upper bounds of the predicted-score histogram (`mlops_model_prediction_bucket`), a fraud probability. */
const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
/** Shares of predictions per score bin: stable's, a candidate that predicts alike, and one that does not. */
export const PREDICTION_SHARES = {
  stable: [0.26, 0.3, 0.2, 0.11, 0.06, 0.03, 0.02, 0.01, 0.005, 0.005],
  similar: [0.25, 0.3, 0.21, 0.11, 0.06, 0.035, 0.015, 0.01, 0.005, 0.005],
  shifted: [0.08, 0.12, 0.15, 0.15, 0.14, 0.12, 0.1, 0.07, 0.04, 0.03],
};

type Series = {
  labels: Record<string, string>;
  buckets: number[];
  count: number;
  sum: number;
};

/**
 * DEMO STAND-IN for a Seldon Core v1 executor's metrics: sends simulated prediction traffic to each predictor of
 * every SeldonDeployment in the Kubernetes stand-in, split by the predictors' current `traffic` weights, and
 * exposes `seldon_api_executor_server_requests_seconds` histograms with the labels of api-contracts §2. A
 * `shadow: true` predictor gets a copy of all the deployment's requests (Seldon's mirroring). The canary's and
 * shadow's error rate and latency follow {@link SeldonTrafficSimulator.canaryHealthy}, so a rollout's analysis
 * can be watched succeeding or failing. Each answered request also counts as a business outcome
 * (`mlops_model_outcome_total{outcome="success"|"failure"}`) at the predictor's success rate, for A/B tests
 * (not for a shadow, whose answers are discarded), and its predicted score goes into the histogram
 * `mlops_model_prediction` per predictor, shaped like stable's or not ({@link candidatePredictions}).
 */
export class SeldonTrafficSimulator {
  canaryHealthy = true;
  /** The share of a predictor's requests that end in the business outcome A/B tests judge (e.g. a conversion). */
  successRates = { stable: 0.1, canary: 0.1 };
  /** Whether the canary's and shadow's predicted scores are distributed like stable's or shifted. */
  candidatePredictions: 'similar' | 'shifted' = 'similar';
  private readonly series = new Map<string, Series>();
  private readonly predictions = new Map<
    string,
    { labels: string; bins: number[] }
  >();
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
      for (const predictor of predictors) {
        // A shadow receives a copy of every request the live predictors get.
        const weight = predictor.shadow
          ? 100
          : predictor.traffic ?? (live.length === 1 ? 100 : 0);
        const candidate = predictor.shadow || predictor.name === 'canary';
        const health = candidate ? this.canaryHealth() : STABLE;
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
        this.predict(
          base,
          whole - errors,
          PREDICTION_SHARES[candidate ? this.candidatePredictions : 'stable'],
        );
        if (predictor.shadow) {
          continue;
        }
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
    lines.push(
      '# HELP mlops_model_prediction Predicted scores (probability of the positive class) by predictor.',
      '# TYPE mlops_model_prediction histogram',
    );
    for (const { labels, bins } of this.predictions.values()) {
      let cumulative = 0;
      SCORE_BUCKETS.forEach((le, i) => {
        cumulative += Math.floor(bins[i]);
        lines.push(
          `mlops_model_prediction_bucket{${labels},le="${le}"} ${cumulative}`,
        );
      });
      lines.push(
        `mlops_model_prediction_bucket{${labels},le="+Inf"} ${cumulative}`,
        `mlops_model_prediction_count{${labels}} ${cumulative}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  /** Spreads `n` predictions over the score bins by `shares` (fractions accumulate, whole ones are exposed). */
  private predict(base: Record<string, string>, n: number, shares: number[]) {
    const labels = `deployment_name="${base.deployment_name}",predictor_name="${base.predictor_name}",namespace="${base.namespace}"`;
    let series = this.predictions.get(labels);
    if (!series) {
      series = { labels, bins: SCORE_BUCKETS.map(() => 0) };
      this.predictions.set(labels, series);
    }
    shares.forEach((share, i) => {
      series!.bins[i] += n * share;
    });
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
