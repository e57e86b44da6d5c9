import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { HealthStatus } from '@mlops-portal/plugin-mlops-common';

const LABELS: Record<HealthStatus, string> = {
  ok: 'Healthy',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
};

/** The status as Backstage's status lights; `unknown` is grey, never green. */
export function HealthStatusLight(props: { status: HealthStatus }) {
  const label = LABELS[props.status];
  switch (props.status) {
    case 'ok':
      return <StatusOK>{label}</StatusOK>;
    case 'warning':
      return <StatusWarning>{label}</StatusWarning>;
    case 'critical':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
}
