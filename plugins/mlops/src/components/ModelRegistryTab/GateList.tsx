import { StatusError, StatusOK } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  GateResult,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { describeGate } from './describeGate';

/**
 * Each gate with the bound it is checked against (computed, for regression gates, from the champion's value), the
 * measured value and whether it passed; metrics by their display names and in their units.
 */
export function GateList(props: {
  gates: GateResult[];
  model?: Pick<ModelEntityV1alpha1, 'spec'>;
}) {
  if (props.gates.length === 0) {
    return (
      <Typography variant="body2">No quality gates are declared.</Typography>
    );
  }
  return (
    <ul aria-label="Quality gates" style={{ paddingLeft: 16, margin: 0 }}>
      {props.gates.map(gate => {
        const Status = gate.passed ? StatusOK : StatusError;
        const { bound, measured, note } = describeGate(gate, props.model);
        return (
          <li key={`${gate.metric}-${gate.kind}`} style={{ listStyle: 'none' }}>
            <Status>
              {bound}: {measured}
              {note ? ` (${note})` : ''}
            </Status>
          </li>
        );
      })}
    </ul>
  );
}
