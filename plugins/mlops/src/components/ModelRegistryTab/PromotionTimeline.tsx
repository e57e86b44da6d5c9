import { InfoCard } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';

const stateColor = (state: PromotionRecord['state']) =>
  state === 'completed' ? 'primary' : 'default';

function describe(record: PromotionRecord): string {
  const verb = record.action === 'rollback' ? 'rolled back' : 'moved';
  return `${record.alias} ${verb} v${record.fromVersion ?? '–'} → v${
    record.toVersion
  }`;
}

/** The promotion history, newest first: who asked, when, why, what the gates said and who decided. */
export function PromotionTimeline(props: { history: PromotionRecord[] }) {
  const items = [...props.history].reverse();
  return (
    <InfoCard title="Promotion history">
      {items.length === 0 ? (
        'No alias has been moved through the portal yet.'
      ) : (
        <List dense aria-label="Promotion history">
          {items.map(record => {
            const failedGates = record.gates.filter(g => !g.passed);
            const details = [
              `${new Date(record.requestedAt).toLocaleString()} by ${
                record.requestedBy
              }: ${record.reason}`,
              record.decidedBy &&
                `${record.state === 'rejected' ? 'rejected' : 'approved'} by ${
                  record.decidedBy
                }: ${record.decisionComment}`,
              failedGates.length > 0 &&
                `gates failed: ${failedGates.map(g => g.reason).join('; ')}`,
              record.error && `error: ${record.error}`,
            ].filter(Boolean);
            return (
              <ListItem key={record.id} divider>
                <ListItemText
                  primary={describe(record)}
                  secondary={details.join(' · ')}
                />
                <Chip
                  size="small"
                  label={record.state.replace('_', ' ')}
                  color={stateColor(record.state)}
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </InfoCard>
  );
}
