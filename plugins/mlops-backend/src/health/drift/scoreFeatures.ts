import {
  DriftSpec,
  driftRuleOf,
  FeatureDriftResult,
} from '@mlops-portal/plugin-mlops-common';
import { featureDrift } from '../../shared/statistics/driftStatistics';
import {
  bucketMidpoints,
  FeatureDistributions,
} from '../../shared/statistics/featureHistograms';

/** Observations a feature needs in the window before it is scored. */
export const DEFAULT_MIN_SAMPLES = 100;

function sameBounds(a: number[], b: number[]) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Every feature of `current` scored against `reference` by its rule. */
export function scoreFeatures(
  current: FeatureDistributions,
  reference: FeatureDistributions,
  spec: DriftSpec | undefined,
): {
  features: FeatureDriftResult[];
  unmatched: string[];
  unreferenced: string[];
  enough: boolean;
} {
  const minSamples = spec?.minSamples ?? DEFAULT_MIN_SAMPLES;
  const features: FeatureDriftResult[] = [];
  const unmatched: string[] = [];
  const unreferenced: string[] = [];
  let enough = true;
  for (const [feature, cur] of Object.entries(current.numerical)) {
    const ref = reference.numerical[feature];
    const samples = cur.counts.reduce((a, b) => a + b, 0);
    if (!ref) {
      unreferenced.push(feature);
      continue;
    }
    if (!sameBounds(ref.upperBounds, cur.upperBounds)) {
      unmatched.push(feature);
      continue;
    }
    if (samples < minSamples) {
      enough = enough && samples >= minSamples;
      continue;
    }
    const rule = driftRuleOf(spec, feature, 'wasserstein');
    features.push({
      feature,
      kind: 'numerical',
      samples,
      ...featureDrift({
        ...rule,
        reference: ref.counts,
        current: cur.counts,
        midpoints: bucketMidpoints(cur.upperBounds),
      }),
    });
  }
  for (const [feature, cur] of Object.entries(current.categorical)) {
    const ref = reference.categorical[feature];
    const categories = [
      ...new Set([...Object.keys(ref ?? {}), ...Object.keys(cur)]),
    ].sort();
    const counts = categories.map(c => cur[c] ?? 0);
    const samples = counts.reduce((a, b) => a + b, 0);
    if (!ref) {
      unreferenced.push(feature);
      continue;
    }
    if (samples < minSamples) {
      enough = enough && samples >= minSamples;
      continue;
    }
    const rule = driftRuleOf(spec, feature, 'jensenshannon');
    features.push({
      feature,
      kind: 'categorical',
      samples,
      ...featureDrift({
        ...rule,
        reference: categories.map(c => ref[c] ?? 0),
        current: counts,
      }),
    });
  }
  return { features, unmatched, unreferenced, enough };
}
