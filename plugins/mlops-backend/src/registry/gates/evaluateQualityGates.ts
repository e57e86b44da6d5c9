import { GateResult, QualityGate } from '@mlops-portal/plugin-mlops-common';

type Bound = GateResult['kind'];
const bounds: Bound[] = [
  'min',
  'max',
  'minRatioOfChampion',
  'maxRatioOfChampion',
];

/**
 * Checks a candidate version's run metrics against a Model's quality gates, one result per declared bound.
 *
 * A metric the candidate's run did not log fails its gate. Ratio gates compare with the champion's value; with no
 * champion there is nothing to regress from and they pass, saying so; a champion without the metric fails them,
 * since the regression cannot be ruled out.
 */
export function evaluateQualityGates(
  gates: QualityGate[],
  candidate: { version: string; metrics: Record<string, number> },
  champion?: { version: string; metrics: Record<string, number> },
): GateResult[] {
  const results: GateResult[] = [];
  for (const gate of gates) {
    for (const kind of bounds) {
      const threshold = gate[kind];
      if (threshold === undefined) {
        continue;
      }
      results.push(
        evaluateBound(gate.metric, kind, threshold, candidate, champion),
      );
    }
  }
  return results;
}

function evaluateBound(
  metric: string,
  kind: Bound,
  threshold: number,
  candidate: { version: string; metrics: Record<string, number> },
  champion?: { version: string; metrics: Record<string, number> },
): GateResult {
  const measured = candidate.metrics[metric];
  const base = { metric, kind, threshold, measured };
  if (measured === undefined) {
    return {
      ...base,
      passed: false,
      reason: `${metric} is not logged in the run of version ${candidate.version}`,
    };
  }
  if (kind === 'min' || kind === 'max') {
    const passed =
      kind === 'min' ? measured >= threshold : measured <= threshold;
    return {
      ...base,
      effectiveThreshold: threshold,
      passed,
      reason: passed
        ? undefined
        : `${metric} = ${measured} is ${
            kind === 'min' ? 'below the minimum' : 'above the maximum'
          } ${threshold}`,
    };
  }
  if (!champion) {
    return { ...base, passed: true, reason: 'no champion to compare with' };
  }
  const championValue = champion.metrics[metric];
  if (championValue === undefined) {
    return {
      ...base,
      passed: false,
      reason: `${metric} is not logged in the run of champion version ${champion.version}`,
    };
  }
  const effectiveThreshold = threshold * championValue;
  const passed =
    kind === 'minRatioOfChampion'
      ? measured >= effectiveThreshold
      : measured <= effectiveThreshold;
  return {
    ...base,
    champion: championValue,
    effectiveThreshold,
    passed,
    reason: passed
      ? undefined
      : `${metric} = ${measured} is ${
          kind === 'minRatioOfChampion' ? 'below' : 'above'
        } ${threshold} × champion's ${championValue} (${effectiveThreshold.toFixed(
          4,
        )})`,
  };
}
