import type {
  ModelEntityV1alpha1,
  ModelMetricDisplay,
} from './ModelEntityV1alpha1';

/**
 * How to show metric `name` of `model`: its `spec.metrics` entry, or the key as written (no unit, higher is
 * better) when the spec says nothing.
 *
 * @public
 */
export function metricDisplay(
  model: Pick<ModelEntityV1alpha1, 'spec'> | undefined,
  name: string,
): Required<Omit<ModelMetricDisplay, 'unit'>> & { unit?: string } {
  const entry = model?.spec.metrics?.find(m => m.name === name);
  return {
    name,
    title: entry?.title ?? name,
    unit: entry?.unit,
    higherIsBetter: entry?.higherIsBetter ?? true,
  };
}

/**
 * A metric's value in its unit: `ratio` as a percentage, `percent` with a % sign, other units after the value.
 * Up to `digits` significant decimals (default 4), trailing zeros dropped; a dash when there is no value.
 *
 * @public
 */
export function formatMetricValue(
  value: number | undefined | null,
  unit?: string,
  digits = 4,
): string {
  if (value === undefined || value === null || Number.isNaN(value)) {
    return '—';
  }
  const round = (v: number, d: number) => String(Number(v.toFixed(d)));
  if (unit === 'ratio') {
    return `${round(value * 100, Math.max(digits - 2, 1))}%`;
  }
  if (unit === 'percent') {
    return `${round(value, Math.max(digits - 2, 1))}%`;
  }
  return unit ? `${round(value, digits)} ${unit}` : round(value, digits);
}
