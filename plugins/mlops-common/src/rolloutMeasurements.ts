/**
 * The names under which the rollout engine records a strategy's own measurements in a rollout's events, besides
 * its analysis metrics; the Deployment tab reads them by these names.
 *
 * - `abTrials` / `abSuccesses`: an A/B test's counts (candidate as `value`, stable as `stableValue`).
 * - `predictionPsi` / `predictionJs`: a shadow's comparison of the two prediction histograms (`value`; the counts
 *   in `message`).
 * - `readiness`: what the serving operator says of a blue-green's green predictor (recorded when it changes).
 * - `smoke(name)`: one of a blue-green's smoke requests (`value`: the HTTP status).
 *
 * @public
 */
export const ROLLOUT_MEASUREMENTS = {
  abTrials: 'ab-trials',
  abSuccesses: 'ab-successes',
  predictionPsi: 'prediction-psi',
  predictionJs: 'prediction-js',
  readiness: 'readiness',
  smoke: (name: string) => `smoke:${name}`,
} as const;
