import {
  formatMetricValue,
  metricDisplay,
  ModelEntityV1alpha1,
  PredictorHealth,
  QualityGate,
} from '@mlops-portal/plugin-mlops-common';

/** A live figure the health answer reads: a latency quantile (seconds) or the error rate (0..1). */
type LiveFigure = 'p50' | 'p95' | 'p99' | 'errorRate';

/** How a gate's metric reads from the live figures: which figure, and the factor from it to the gate's unit. */
type LiveCounterpart = {
  figure: LiveFigure;
  /** Multiplies the live figure into the gate metric's unit. */
  factor: number;
  unit: string;
  /** Decimals the live value is shown with. */
  digits: number;
  /** Used when `spec.metrics` gives the metric no display name. */
  title: string;
};

const LATENCY =
  /^(?:(p50|p95|p99)[_-]?latency|latency[_-]?(p50|p95|p99))(?:[_-]?(ms|s|seconds))?$/i;
const ERROR_RATE = /^error[_-]?rate(?:[_-]?(pct|percent))?$/i;

/**
 * The live counterpart of a gate metric, by convention on its key, or none:
 * - latency: `p50|p95|p99` and `latency` in either order (`p95_latency_ms`, `latency_p99`, `p95-latency`). Its
 *   unit is the metric's `spec.metrics[].unit` when that is `ms` or `s`, else the key's suffix (`_ms`, `_s`,
 *   `_seconds`); with neither the gate is not compared, since 50 could be either.
 * - error rate: `error_rate` / `errorRate`, a share 0..1 (`spec.metrics` unit `ratio`, the default) or a
 *   percentage (unit `percent`, or a `_pct`/`_percent` suffix).
 * Other metrics (AUC, F1, …) have no live figure here: they are judged on the training run only.
 */
export function liveCounterpart(
  model: Pick<ModelEntityV1alpha1, 'spec'>,
  metric: string,
): LiveCounterpart | undefined {
  const declared = model.spec.metrics?.find(m => m.name === metric)?.unit;
  const latency = LATENCY.exec(metric);
  if (latency) {
    const quantile = (latency[1] ?? latency[2]).toLowerCase() as LiveFigure;
    const suffix = latency[3]?.toLowerCase();
    const unit =
      declared === 'ms' || declared === 's'
        ? declared
        : { ms: 'ms', s: 's', seconds: 's' }[suffix ?? ''];
    if (!unit) {
      return undefined;
    }
    return {
      figure: quantile,
      factor: unit === 'ms' ? 1000 : 1,
      unit,
      digits: unit === 'ms' ? 0 : 3,
      title: `${quantile} latency`,
    };
  }
  const errorRate = ERROR_RATE.exec(metric);
  if (errorRate) {
    const percent = declared === 'percent' || Boolean(errorRate[1]);
    return {
      figure: 'errorRate',
      factor: percent ? 100 : 1,
      unit: percent ? 'percent' : 'ratio',
      digits: 4,
      title: 'error rate',
    };
  }
  return undefined;
}

const liveValue = (p: PredictorHealth, figure: LiveFigure) =>
  figure === 'errorRate' ? p.errorRate : p.latency[figure];

/**
 * Where the model's live traffic breaks its own promotion gates: every gate with an absolute bound (`min` /
 * `max`) on a metric with a live counterpart ({@link liveCounterpart}), against each predictor serving
 * traffic. Ratio-of-champion gates compare two versions' training runs and have no live reading. One reason per
 * breach, e.g. "live p95 latency 73 ms on stable (v4) breaks the gate ≤ 50 ms".
 */
export function liveGateBreaches(
  model: Pick<ModelEntityV1alpha1, 'spec'>,
  predictors: PredictorHealth[],
): string[] {
  const breaches: string[] = [];
  for (const gate of model.spec.qualityGates ?? []) {
    const live = liveCounterpart(model, gate.metric);
    if (!live || (gate.min === undefined && gate.max === undefined)) {
      continue;
    }
    const display = metricDisplay(model, gate.metric);
    const title = display.title === gate.metric ? live.title : display.title;
    for (const p of predictors) {
      const raw = liveValue(p, live.figure);
      if (raw === undefined || !Number.isFinite(raw)) {
        continue;
      }
      const value = raw * live.factor;
      const broken = brokenBound(gate, value);
      if (broken) {
        const bound = formatMetricValue(broken.bound, live.unit);
        // Rounded to the bound (50.4 ms against ≤ 50 ms), the value would not show why it breaks it.
        const rounded = formatMetricValue(value, live.unit, live.digits);
        const shown =
          rounded === bound
            ? formatMetricValue(value, live.unit, live.digits + 2)
            : rounded;
        breaches.push(
          `live ${title} ${shown} on ${p.predictor}${
            p.version ? ` (v${p.version})` : ''
          } breaks the gate ${broken.op} ${bound}`,
        );
      }
    }
  }
  return breaches;
}

function brokenBound(
  gate: QualityGate,
  value: number,
): { op: '≥' | '≤'; bound: number } | undefined {
  if (gate.min !== undefined && value < gate.min) {
    return { op: '≥', bound: gate.min };
  }
  if (gate.max !== undefined && value > gate.max) {
    return { op: '≤', bound: gate.max };
  }
  return undefined;
}
