/*
 * Benchmark, not a test: drift for 200 features × 50 bins, the way the health endpoint computes it from
 * Prometheus histogram samples (cumulative buckets → bins → statistic), per method.
 *
 *   yarn bench:drift      (from the repository root)
 */
import { performance } from 'node:perf_hooks';
import { PrometheusSample } from '../src/shared/prometheus/PrometheusClient';
import {
  datasetDrift,
  DriftMethod,
  featureDrift,
} from '../src/shared/statistics/driftStatistics';
import {
  bucketMidpoints,
  numericalFromBuckets,
} from '../src/shared/statistics/featureHistograms';

const FEATURES = Number(process.env.FEATURES ?? 200);
const BINS = Number(process.env.BINS ?? 50);

/** Cumulative bucket samples as `sum by (feature, le) (increase(...))` returns them. */
function samples(shift: number): PrometheusSample[] {
  const out: PrometheusSample[] = [];
  for (let f = 0; f < FEATURES; f++) {
    let cumulative = 0;
    for (let b = 0; b <= BINS; b++) {
      const x = (b - BINS / 2 - shift * (f % 3)) / (BINS / 6);
      cumulative += Math.round(1000 * Math.exp((-x * x) / 2)) + 1;
      out.push({
        metric: { feature: `f${f}`, le: b === BINS ? '+Inf' : String(b) },
        value: cumulative,
        timestamp: 0,
      });
    }
  }
  return out;
}

function main() {
  const reference = samples(0);
  const current = samples(2);
  const rounds = 20;
  const parseStart = performance.now();
  let ref = numericalFromBuckets(reference);
  let cur = numericalFromBuckets(current);
  for (let i = 1; i < rounds; i++) {
    ref = numericalFromBuckets(reference);
    cur = numericalFromBuckets(current);
  }
  const parseMs = (performance.now() - parseStart) / rounds;
  console.log(
    `Drift, ${FEATURES} features × ${BINS + 1} bins (mean of ${rounds} rounds)`,
  );
  console.log(
    `  Prometheus samples → bins (reference and current): ${parseMs.toFixed(
      2,
    )} ms`,
  );
  const methods: DriftMethod[] = [
    'psi',
    'jensenshannon',
    'wasserstein',
    'chisquare',
  ];
  for (const method of methods) {
    const started = performance.now();
    let drifted = 0;
    for (let i = 0; i < rounds; i++) {
      const results = Object.keys(cur).map(feature =>
        featureDrift({
          method,
          reference: ref[feature].counts,
          current: cur[feature].counts,
          midpoints: bucketMidpoints(cur[feature].upperBounds),
        }),
      );
      drifted = results.filter(r => r.drifted).length;
      datasetDrift(results);
    }
    const ms = (performance.now() - started) / rounds;
    console.log(
      `  ${method.padEnd(13)} ${ms.toFixed(2)} ms for all features (${(
        (ms * 1000) /
        FEATURES
      ).toFixed(1)} µs each); ${drifted}/${FEATURES} drifted`,
    );
  }
}

main();
