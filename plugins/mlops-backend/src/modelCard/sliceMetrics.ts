/** The prefix of a metric a run logged per slice: `slice/<slice>/<metric>`, e.g. `slice/card_present/auc`. */
export const SLICE_METRIC_PREFIX = 'slice/';

/**
 * A version's run metrics split into the overall ones and those per slice. A training run logs a slice's metric
 * under `slice/<slice>/<metric>` (the slice a name without `/`, the metric the key it has overall), e.g.
 * `mlflow.log_metric("slice/card_present/auc", 0.94)`; quality gates apply to the overall metrics only.
 */
export function sliceMetrics(metrics: Record<string, number>): {
  overall: Record<string, number>;
  slices: Array<{ slice: string; metrics: Record<string, number> }>;
} {
  const overall: Record<string, number> = {};
  const bySlice = new Map<string, Record<string, number>>();
  for (const [key, value] of Object.entries(metrics)) {
    const match = /^slice\/([^/]+)\/(.+)$/.exec(key);
    if (!match) {
      overall[key] = value;
      continue;
    }
    const [, slice, metric] = match;
    bySlice.set(slice, { ...bySlice.get(slice), [metric]: value });
  }
  return {
    overall,
    slices: [...bySlice.keys()]
      .sort()
      .map(slice => ({ slice, metrics: bySlice.get(slice)! })),
  };
}
