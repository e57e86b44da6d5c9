import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { PersonLink } from '../PersonLink/PersonLink';

/** @public */
export interface PendingApprovalsProps {
  pending: PromotionRecord[];
  currentUser?: string;
  canApprove: boolean;
  approveDeniedReason: string;
  onDecide(record: PromotionRecord, decision: 'approve' | 'reject'): void;
}

/** Requests to move a protected alias that wait for a second person, with who asked by their catalog name. */
export function PendingApprovals(props: PendingApprovalsProps) {
  if (props.pending.length === 0) {
    return null;
  }
  return (
    <InfoCard title={`Pending approvals (${props.pending.length})`}>
      <List dense aria-label="Pending approvals">
        {props.pending.map(record => {
          const own = record.requestedBy === props.currentUser;
          let denied = '';
          if (!props.canApprove) {
            denied = props.approveDeniedReason;
          } else if (own) {
            denied = 'You requested this; someone else must decide';
          }
          return (
            <ListItem key={record.id} divider>
              <ListItemText
                primary={`${record.alias}: v${record.fromVersion ?? '–'} → v${
                  record.toVersion
                }`}
                secondary={
                  <>
                    <PersonLink entityRef={record.requestedBy} /> at{' '}
                    {new Date(record.requestedAt).toLocaleString()}:{' '}
                    {record.reason}
                  </>
                }
              />
              {(['approve', 'reject'] as const).map(decision => (
                <Tooltip key={decision} title={denied}>
                  <span>
                    <Button
                      size="small"
                      color={decision === 'approve' ? 'primary' : 'default'}
                      disabled={Boolean(denied)}
                      onClick={() => props.onDecide(record, decision)}
                    >
                      {decision === 'approve' ? 'Approve' : 'Reject'}
                    </Button>
                  </span>
                </Tooltip>
              ))}
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}
