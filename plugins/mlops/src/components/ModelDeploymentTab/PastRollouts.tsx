import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { PersonLink } from '../PersonLink/PersonLink';
import { RolloutStateChip } from './RolloutStateChip';
import { strategyNames } from './strategyText';

/**
 * The Model's rollouts that no longer run, newest first: strategy, versions, state (coloured as everywhere on
 * the tab), when and by whom, and how each ended. The running rollout is the tab's current one, never listed here.
 */
export function PastRollouts(props: { rollouts: RolloutRecord[] }) {
  const { rollouts } = props;
  return (
    <InfoCard title="Past rollouts">
      {rollouts.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No past rollouts.
        </Typography>
      ) : (
        <List dense aria-label="Past rollouts">
          {rollouts.map(r => (
            <ListItem key={r.id} divider disableGutters>
              <ListItemText
                disableTypography
                primary={
                  <div
                    style={{
                      display: 'flex',
                      flexWrap: 'wrap',
                      alignItems: 'center',
                      gap: 8,
                    }}
                  >
                    <Typography variant="body2" component="span">
                      {strategyNames[r.strategy] ?? r.strategy} v
                      {r.baselineVersion ?? '–'} → v{r.candidateVersion}
                    </Typography>
                    <RolloutStateChip state={r.state} size="small" />
                  </div>
                }
                secondary={
                  <Typography variant="body2" color="textSecondary">
                    {new Date(r.createdAt).toLocaleString()} by{' '}
                    <PersonLink entityRef={r.createdBy} />
                    {r.stateReason ? `: ${r.stateReason}` : ''}
                  </Typography>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
