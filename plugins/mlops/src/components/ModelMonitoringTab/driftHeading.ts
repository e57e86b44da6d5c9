import { DriftReport, ModelAlert } from '@mlops-portal/plugin-mlops-common';

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** Firing alerts about drift (by name, e.g. `ModelFeatureDrift`): what the monitoring says, whatever we computed. */
export function firingDriftAlerts(alerts: ModelAlert[]): ModelAlert[] {
  return alerts.filter(a => a.state === 'firing' && /drift/i.test(a.name));
}

/**
 * The drift table's heading. It never says "no drift" while a feature is drifted or a drift alert fires: the
 * dataset verdict (drifted when at least the drift share of features drift) comes first, then drifted features
 * below that share, then a firing drift alert the computed scores do not show, then the plain verdict. A firing
 * drift alert is named in every case but "Dataset drifted", so the heading and the Alerts table agree.
 */
export function driftHeading(drift: DriftReport, alerts: ModelAlert[]) {
  const total = drift.features.length;
  const drifted = drift.features.filter(f => f.drifted).length;
  const firing = firingDriftAlerts(alerts).map(a => a.name);
  const alertNote = firing.length
    ? `; alert ${[...new Set(firing)].join(', ')} firing`
    : '';
  if (drift.verdict === 'drifted') {
    return `Dataset drifted: ${drifted} of ${total} features (drifts at ${pct(
      drift.driftShare,
    )})`;
  }
  if (drifted > 0) {
    return `Feature drift: ${drifted} of ${total} ${
      total === 1 ? 'feature' : 'features'
    } drifted (the dataset drifts at ${pct(drift.driftShare)})${alertNote}`;
  }
  if (firing.length) {
    return `Drift alert firing: ${[...new Set(firing)].join(
      ', ',
    )} (no computed score is past its threshold)`;
  }
  switch (drift.verdict) {
    case 'stable':
      return `No drift: none of ${total} features past its threshold`;
    case 'insufficient-data':
      return 'Drift: not enough data yet';
    default:
      return 'Drift unknown';
  }
}
