import { PrometheusSample } from '../prometheus/PrometheusClient';

/**
 * Feature distributions as the model server exports them to Prometheus, turned into bins the drift statistics
 * can compare: numerical features are Prometheus histograms (cumulative `le` buckets), categorical features are
 * counters per `category`. A snapshot of these is what a drift reference stores.
 */
export type FeatureDistributions = {
  /** Per feature: the bucket upper bounds (ascending, `+Inf` last as Infinity) and the count in each bin. */
  numerical: Record<string, { upperBounds: number[]; counts: number[] }>;
  /** Per feature: the count of each category. */
  categorical: Record<string, Record<string, number>>;
};

/**
 * Per-feature bins from `sum by (feature, le) (increase(..._bucket[w]))` samples: cumulative → per bin. Another
 * label than `feature` can tell the histograms apart, e.g. `predictor_name`.
 */
export function numericalFromBuckets(
  samples: PrometheusSample[],
  groupBy = 'feature',
): FeatureDistributions['numerical'] {
  const byFeature = new Map<string, Array<[number, number]>>();
  for (const s of samples) {
    const feature = s.metric[groupBy];
    const le = s.metric.le === '+Inf' ? Infinity : Number(s.metric.le);
    if (!feature || Number.isNaN(le)) continue;
    const list = byFeature.get(feature) ?? [];
    list.push([le, Number.isFinite(s.value) ? s.value : 0]);
    byFeature.set(feature, list);
  }
  const result: FeatureDistributions['numerical'] = {};
  for (const [feature, buckets] of byFeature) {
    buckets.sort((a, b) => a[0] - b[0]);
    let previous = 0;
    result[feature] = {
      upperBounds: buckets.map(([le]) => le),
      // increase() extrapolates, so a cumulative count can dip below the one before; a bin is never negative.
      counts: buckets.map(([, cumulative]) => {
        const count = Math.max(0, cumulative - previous);
        previous = Math.max(previous, cumulative);
        return count;
      }),
    };
  }
  return result;
}

/** Per-feature category counts from `sum by (feature, category) (increase(..._total[w]))` samples. */
export function categoricalFromCounters(
  samples: PrometheusSample[],
): FeatureDistributions['categorical'] {
  const result: FeatureDistributions['categorical'] = {};
  for (const s of samples) {
    const { feature, category } = s.metric;
    if (!feature || category === undefined) continue;
    result[feature] = result[feature] ?? {};
    result[feature][category] = Math.max(
      0,
      Number.isFinite(s.value) ? s.value : 0,
    );
  }
  return result;
}

/**
 * A midpoint per bin for bucket upper bounds: halfway between a bucket's bounds; the first bin (below the
 * lowest bound) and the `+Inf` bin sit half the neighbouring bin's width beyond their finite bound.
 */
export function bucketMidpoints(upperBounds: number[]): number[] {
  const finite = upperBounds.filter(Number.isFinite);
  const width =
    finite.length > 1 ? finite[1] - finite[0] : Math.abs(finite[0] ?? 1) || 1;
  const lastWidth =
    finite.length > 1
      ? finite[finite.length - 1] - finite[finite.length - 2]
      : width;
  return upperBounds.map((bound, i) => {
    if (!Number.isFinite(bound)) {
      return finite[finite.length - 1] + lastWidth / 2;
    }
    if (i === 0) {
      return bound - width / 2;
    }
    return (upperBounds[i - 1] + bound) / 2;
  });
}
