import {
  formatMetricValue,
  GateResult,
  metricDisplay,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';

/** A quality gate in a person's words, with the Model's display names and units. */
export type GateDescription = {
  /** The bound the value is compared with, computed for regression gates, e.g. `F1 ≥ 0.7505 (0.95 × champion's 0.79)`. */
  bound: string;
  /** The candidate's value in its unit, or `not logged`. */
  measured: string;
  /** Why the gate fails, e.g. `F1 0.74 is below 0.7505 (0.95 × champion's 0.79)`; absent when it passes. */
  failure?: string;
  /** What the backend noted about a passing gate (e.g. `no champion to compare with`). */
  note?: string;
};

const isMin = (kind: GateResult['kind']) =>
  kind === 'min' || kind === 'minRatioOfChampion';

/**
 * Describes a gate result as the Registry tab shows it. The backend computes the bound a regression gate compares
 * with (`effectiveThreshold`, the ratio times the champion's value); this only words it, so the dialog shows the
 * number the backend will check before anyone submits.
 */
export function describeGate(
  gate: GateResult,
  model?: Pick<ModelEntityV1alpha1, 'spec'>,
): GateDescription {
  const { title, unit } = metricDisplay(model, gate.metric);
  const value = (v?: number) => formatMetricValue(v, unit);
  const op = isMin(gate.kind) ? '≥' : '≤';
  const ratio = !(gate.kind === 'min' || gate.kind === 'max');
  const ofChampion = ratio
    ? `${gate.threshold} × champion's ${value(gate.champion)}`
    : undefined;

  let bound: string;
  if (gate.effectiveThreshold === undefined) {
    bound = ratio
      ? `${title} ${op} ${gate.threshold} × champion`
      : `${title} ${op} ${value(gate.threshold)}`;
  } else {
    bound = `${title} ${op} ${value(gate.effectiveThreshold)}${
      ofChampion ? ` (${ofChampion})` : ''
    }`;
  }
  const measured =
    gate.measured === undefined ? 'not logged' : value(gate.measured);

  let failure: string | undefined;
  if (gate.passed) {
    failure = undefined;
  } else if (gate.measured === undefined) {
    failure = `${title} is not logged in this version's run`;
  } else if (gate.effectiveThreshold === undefined) {
    // A regression gate whose champion did not log the metric: the backend's reason names the champion version.
    failure = gate.reason ?? `${title} cannot be compared with the champion`;
  } else {
    const side = isMin(gate.kind) ? 'below' : 'above';
    failure = ratio
      ? `${title} ${measured} is ${side} ${value(
          gate.effectiveThreshold,
        )} (${ofChampion})`
      : `${title} ${measured} is ${side} the ${
          isMin(gate.kind) ? 'minimum' : 'maximum'
        } ${value(gate.effectiveThreshold)}`;
  }
  return {
    bound,
    measured,
    failure,
    note: gate.passed ? gate.reason : undefined,
  };
}
