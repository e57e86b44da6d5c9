import { Config } from '@backstage/config';
import {
  DriftReport,
  HealthStatus,
  ModelAlert,
  ModelInputFreshness,
  PredictorHealth,
} from '@mlops-portal/plugin-mlops-common';
import { inputName, staleInputReasons } from './inputFreshness';

/** When traffic numbers turn a Model's light amber or red (config `mlops.health.thresholds`). */
export type HealthThresholds = {
  errorRate: { warning: number; critical: number };
  p99LatencySeconds: { warning: number; critical: number };
};

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  errorRate: { warning: 0.01, critical: 0.05 },
  p99LatencySeconds: { warning: 0.25, critical: 1 },
};

/** Thresholds from `mlops.health.thresholds`, defaults for the ones not set. */
export function readHealthThresholds(config: Config): HealthThresholds {
  const t = config.getOptionalConfig('mlops.health.thresholds');
  const d = DEFAULT_HEALTH_THRESHOLDS;
  return {
    errorRate: {
      warning: t?.getOptionalNumber('errorRate.warning') ?? d.errorRate.warning,
      critical:
        t?.getOptionalNumber('errorRate.critical') ?? d.errorRate.critical,
    },
    p99LatencySeconds: {
      warning:
        t?.getOptionalNumber('p99LatencySeconds.warning') ??
        d.p99LatencySeconds.warning,
      critical:
        t?.getOptionalNumber('p99LatencySeconds.critical') ??
        d.p99LatencySeconds.critical,
    },
  };
}

const rank: Record<HealthStatus, number> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  critical: 3,
};

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const msec = (v: number) => `${Math.round(v * 1000)} ms`;

/**
 * The overall light and its reasons. Metrics that could not be read make it `unknown` (never `ok`); otherwise
 * the worst of: each predictor's error rate and p99 against the thresholds, live figures breaking the model's
 * own quality gates (warning), firing alerts (critical severity → critical, others → warning), a drifted
 * dataset (warning) and stale inputs (warning). Pending alerts, drifted features below the dataset's drift
 * share, and inputs whose freshness could not be read are listed as reasons only. A batch model is scored in
 * pipeline runs: it has no traffic to read, so missing traffic says nothing about it.
 */
export function healthStatus(input: {
  /** `spec.serving.mode: batch`: no traffic is expected, so neither metrics nor their absence count. */
  batch?: boolean;
  metricsError?: string;
  predictors: PredictorHealth[];
  /** Reasons from {@link liveGateBreaches}. */
  gateBreaches?: string[];
  alerts: ModelAlert[];
  alertsError?: string;
  drift: DriftReport;
  inputs?: ModelInputFreshness[];
  thresholds: HealthThresholds;
}): { status: HealthStatus; reasons: string[] } {
  let status: HealthStatus = 'ok';
  const reasons: string[] = [];
  const raise = (to: HealthStatus, reason: string) => {
    if (rank[to] > rank[status]) status = to;
    reasons.push(reason);
  };
  const { thresholds: t } = input;
  if (input.batch) {
    // Scored in pipeline runs: no requests to count.
  } else if (input.metricsError) {
    raise('unknown', `metrics unavailable: ${input.metricsError}`);
  } else if (!input.predictors.length) {
    raise('unknown', 'no traffic in the window: nothing to judge');
  }
  for (const p of input.predictors) {
    const name = `${p.predictor}${p.version ? ` (v${p.version})` : ''}`;
    if (p.errorRate !== undefined && Number.isFinite(p.errorRate)) {
      if (p.errorRate >= t.errorRate.critical) {
        raise(
          'critical',
          `${name} error rate ${pct(p.errorRate)} ≥ ${pct(
            t.errorRate.critical,
          )}`,
        );
      } else if (p.errorRate >= t.errorRate.warning) {
        raise(
          'warning',
          `${name} error rate ${pct(p.errorRate)} ≥ ${pct(
            t.errorRate.warning,
          )}`,
        );
      }
    }
    const p99 = p.latency.p99;
    if (p99 !== undefined && Number.isFinite(p99)) {
      if (p99 >= t.p99LatencySeconds.critical) {
        raise(
          'critical',
          `${name} p99 latency ${msec(p99)} ≥ ${msec(
            t.p99LatencySeconds.critical,
          )}`,
        );
      } else if (p99 >= t.p99LatencySeconds.warning) {
        raise(
          'warning',
          `${name} p99 latency ${msec(p99)} ≥ ${msec(
            t.p99LatencySeconds.warning,
          )}`,
        );
      }
    }
  }
  for (const breach of input.gateBreaches ?? []) {
    raise('warning', breach);
  }
  for (const a of input.alerts) {
    const text = `alert ${a.name} ${a.state}${
      a.summary ? `: ${a.summary}` : ''
    }`;
    if (a.state === 'pending') {
      reasons.push(text);
    } else {
      raise(a.severity === 'critical' ? 'critical' : 'warning', text);
    }
  }
  if (input.alertsError) {
    reasons.push(`alerts unavailable: ${input.alertsError}`);
  }
  if (input.drift.verdict === 'drifted') {
    raise(
      'warning',
      `input drift: ${input.drift.features
        .filter(f => f.drifted)
        .map(f => f.feature)
        .join(', ')} (${pct(input.drift.share)} of features)`,
    );
  } else if (input.drift.features.some(f => f.drifted)) {
    // Below the dataset's drift share: worth saying, not worth turning the light amber.
    reasons.push(
      `feature drift: ${input.drift.features
        .filter(f => f.drifted)
        .map(f => f.feature)
        .join(', ')} (${pct(
        input.drift.share,
      )} of features, dataset drifts at ${pct(input.drift.driftShare)})`,
    );
  } else if (input.drift.verdict === 'unknown' && input.drift.message) {
    reasons.push(input.drift.message);
  }
  for (const stale of staleInputReasons(input.inputs ?? [])) {
    raise('warning', stale);
  }
  for (const unread of (input.inputs ?? []).filter(i => i.error)) {
    reasons.push(
      `input ${inputName(unread.featureView)} freshness unknown: ${
        unread.error
      }`,
    );
  }
  return { status, reasons };
}
