/**
 * How a chart shows its values: the unit on its value axis and how a raw value (as the backend measures it) reads.
 * One convention for every tab: latency in milliseconds, rates and error rates in percent. The backend keeps
 * Prometheus' own units (seconds, fractions 0..1); the conversion happens here, once.
 */
export type ChartUnit = {
  /** The value axis' title, e.g. `ms`, `%`, `requests/s`; `score` for a unitless one. */
  axis: string;
  /** What a raw value is multiplied by to read in this unit (1000 for seconds shown in ms). */
  scale: number;
  /** Written after a value, e.g. `%`, ` ms`, `/s`; empty for a score. */
  suffix: string;
};

/** Up to 3 significant digits, no trailing zeros, no exponent for small numbers. */
export const significant = (value: number) =>
  value === 0 ? '0' : String(Number(value.toPrecision(3)));

/** A raw value as a person reads it, with its unit: 0.004 as a fraction → `0.4%`, 0.25 s → `250 ms`. */
export const formatIn = (unit: ChartUnit, raw: number) =>
  `${significant(raw * unit.scale)}${unit.suffix}`;

/** A raw value as a tick of the value axis, which names the unit once: 0.25 s → `250`. */
export const tickIn = (unit: ChartUnit, raw: number) =>
  significant(raw * unit.scale);

/** A fraction 0..1 shown in percent. */
export const percentOfFraction: ChartUnit = {
  axis: '%',
  scale: 100,
  suffix: '%',
};

/** Seconds shown in milliseconds. */
export const millisecondsOfSeconds: ChartUnit = {
  axis: 'ms',
  scale: 1000,
  suffix: ' ms',
};

/** Requests per second. */
export const requestsPerSecond: ChartUnit = {
  axis: 'requests/s',
  scale: 1,
  suffix: '/s',
};

/** A unitless score (PSI, Jensen–Shannon distance, a custom metric whose unit nobody declared). */
export const score: ChartUnit = { axis: 'score', scale: 1, suffix: '' };

/**
 * The unit of a rollout analysis metric, by the serving platforms' convention (`ServingPlatform.defaultAnalysis`
 * in plugin-mlops-node): `error-rate` and other `*-rate` metrics are fractions 0..1, `*-latency` metrics are
 * seconds. Any other metric (the shadow's prediction PSI and Jensen–Shannon distance, a custom query) is a score.
 */
export function analysisMetricUnit(name: string): ChartUnit {
  if (/(^|-)rate$/.test(name)) {
    return percentOfFraction;
  }
  if (/(^|-)latency$/.test(name)) {
    return millisecondsOfSeconds;
  }
  return score;
}

/** The comparison operators as a person writes them. */
export const operatorText: Record<'<' | '<=' | '>' | '>=', string> = {
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};
