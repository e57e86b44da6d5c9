import { ModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';

/** How many metrics the champion card compares at most. */
const MAX_KEY_METRICS = 6;

/**
 * The metrics worth a glance, in order: those the Model's `spec.metrics` declares, then those its quality gates
 * judge; when the spec names none, every metric the versions report (alphabetically). At most six, and only
 * those at least one of the versions reports.
 */
export function keyMetrics(
  model: Pick<ModelEntityV1alpha1, 'spec'>,
  versions: Array<{ metrics: Record<string, number> } | undefined>,
): string[] {
  const reported = new Set(
    versions.flatMap(v => (v ? Object.keys(v.metrics) : [])),
  );
  const declared = [
    ...(model.spec.metrics ?? []).map(m => m.name),
    ...(model.spec.qualityGates ?? []).map(g => g.metric),
  ];
  const names = declared.length ? declared : [...reported].sort();
  return [...new Set(names)]
    .filter(name => reported.has(name))
    .slice(0, MAX_KEY_METRICS);
}
