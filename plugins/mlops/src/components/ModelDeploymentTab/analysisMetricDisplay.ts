import {
  metricDisplay,
  ModelEntityV1alpha1,
  ROLLOUT_MEASUREMENTS,
} from '@mlops-portal/plugin-mlops-common';
import {
  analysisMetricUnit,
  ChartUnit,
  millisecondsOfSeconds,
  percentOfFraction,
  score,
} from '../charts/chartUnits';

/** The shadow's own comparisons, named by the portal (a Model's `spec.metrics` may still rename them). */
const builtInTitles: Record<string, string> = {
  [ROLLOUT_MEASUREMENTS.predictionPsi]: 'Prediction PSI',
  [ROLLOUT_MEASUREMENTS.predictionJs]: 'Prediction Jensen–Shannon distance',
};

/** A unit a Model's `spec.metrics` names, for an analysis metric outside the platforms' convention. */
function declaredUnit(unit: string): ChartUnit {
  switch (unit) {
    case 'ratio':
      return percentOfFraction;
    case 'percent':
      return { axis: '%', scale: 1, suffix: '%' };
    case 's':
    case 'seconds':
      return millisecondsOfSeconds;
    default:
      return { axis: unit, scale: 1, suffix: ` ${unit}` };
  }
}

/**
 * How an analysis metric of a rollout is shown: its title from the Model's `spec.metrics` where an entry has the
 * metric's name (else the key as written), and its unit. The platforms' convention (`error-rate` a fraction,
 * `*-latency` seconds) fixes the unit of those names, shown as % and ms like everywhere in the plugin; for any
 * other metric a unit the spec declares is used, else it is a score.
 */
export function analysisMetricDisplay(
  model: Pick<ModelEntityV1alpha1, 'spec'> | undefined,
  name: string,
): { title: string; unit: ChartUnit } {
  const display = metricDisplay(model, name);
  const conventional = analysisMetricUnit(name);
  const title =
    display.title === name ? builtInTitles[name] ?? name : display.title;
  if (conventional !== score || !display.unit) {
    return { title, unit: conventional };
  }
  return { title, unit: declaredUnit(display.unit) };
}
