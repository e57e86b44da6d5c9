import { InfoCard, Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { PersonLink } from '../PersonLink/PersonLink';

/**
 * Promotions of a Model in pull-request mode that wait for their pull request against the alias file: the
 * pull request's review is the approval, so there is nothing to approve here, only a link to it.
 */
export function PullRequestPromotions(props: { waiting: PromotionRecord[] }) {
  if (props.waiting.length === 0) {
    return null;
  }
  return (
    <InfoCard title={`Waiting for pull requests (${props.waiting.length})`}>
      <List dense aria-label="Promotions waiting for pull requests">
        {props.waiting.map(record => (
          <ListItem key={record.id} divider>
            <ListItemText
              primary={
                <>
                  {record.alias}: v{record.fromVersion ?? '–'} → v
                  {record.toVersion} ·{' '}
                  {record.pullRequest ? (
                    <Link to={record.pullRequest.url}>
                      Waiting for pull request #{record.pullRequest.number}
                    </Link>
                  ) : (
                    'Opening its pull request…'
                  )}
                </>
              }
              secondary={
                <>
                  <PersonLink entityRef={record.requestedBy} /> at{' '}
                  {new Date(record.requestedAt).toLocaleString()}:{' '}
                  {record.reason}. The pull request&apos;s review is the
                  approval; once it is merged, CI moves the alias in the
                  registry.
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
