import { StatusError, StatusOK } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { GateResult } from '@mlops-portal/plugin-mlops-common';

const describeBound = (gate: GateResult) => {
  switch (gate.kind) {
    case 'min':
      return `≥ ${gate.threshold}`;
    case 'max':
      return `≤ ${gate.threshold}`;
    case 'minRatioOfChampion':
      return `≥ ${gate.threshold} × champion`;
    default:
      return `≤ ${gate.threshold} × champion`;
  }
};

/** Each gate with its bound, the measured value and whether it passed. */
export function GateList(props: { gates: GateResult[] }) {
  if (props.gates.length === 0) {
    return (
      <Typography variant="body2">No quality gates are declared.</Typography>
    );
  }
  return (
    <ul aria-label="Quality gates" style={{ paddingLeft: 16, margin: 0 }}>
      {props.gates.map(gate => {
        const Status = gate.passed ? StatusOK : StatusError;
        return (
          <li key={`${gate.metric}-${gate.kind}`} style={{ listStyle: 'none' }}>
            <Status>
              {gate.metric} {describeBound(gate)}:{' '}
              {gate.measured ?? 'not logged'}
              {gate.reason && !gate.passed ? ` (${gate.reason})` : ''}
            </Status>
          </li>
        );
      })}
    </ul>
  );
}
