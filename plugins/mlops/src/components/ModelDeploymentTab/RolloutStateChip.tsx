import Chip from '@material-ui/core/Chip';
import { Theme, useTheme } from '@material-ui/core/styles';
import { RolloutState } from '@mlops-portal/plugin-mlops-common';

/** A state as people say it in a sentence: "progressing", "rolled back". */
export const stateWords: Record<RolloutState, string> = {
  Progressing: 'progressing',
  Paused: 'paused',
  Succeeded: 'succeeded',
  RolledBack: 'rolled back',
  Aborted: 'aborted',
  Failed: 'failed',
};

/** A state as a label: "Rolled back". */
export const stateLabel = (state: RolloutState) =>
  stateWords[state][0].toUpperCase() + stateWords[state].slice(1);

/**
 * One colour per state, from the theme: moving (blue), waiting for a person (amber), done (green), undone by the
 * analysis (purple), stopped by a person (dark grey), broken (red). Each differs from the others, so a
 * glance at the chip tells an abort from a run in progress.
 */
export function rolloutStateColour(theme: Theme, state: RolloutState): string {
  const colours: Record<RolloutState, string> = {
    Progressing: theme.palette.info?.main ?? '#0288d1',
    Paused: theme.palette.warning?.main ?? '#ed6c02',
    Succeeded: theme.palette.success?.main ?? '#2e7d32',
    // Not from the palette: Backstage's secondary and error colours are both reds.
    RolledBack: '#6a1b9a',
    Aborted: theme.palette.grey[700],
    Failed: theme.palette.error.main,
  };
  return colours[state];
}

/** A rollout's state as a coloured chip. */
export function RolloutStateChip(props: {
  state: RolloutState;
  size?: 'small' | 'medium';
}) {
  const theme = useTheme();
  const background = rolloutStateColour(theme, props.state);
  return (
    <Chip
      size={props.size}
      label={stateLabel(props.state)}
      data-state={props.state}
      style={{
        backgroundColor: background,
        color: theme.palette.getContrastText(background),
      }}
    />
  );
}
