import { InfoCard, Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  ModelEntityV1alpha1,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { Fragment, ReactNode } from 'react';
import { describeGate } from './describeGate';
import { describePromotion } from './describePromotion';
import { PersonLink } from '../PersonLink/PersonLink';

const stateColor = (state: PromotionRecord['state']) =>
  state === 'completed' ? 'primary' : 'default';

/** The state in words; `blocked` is what the gates did to the request: they refused it. */
const stateLabel = (state: PromotionRecord['state']) =>
  state === 'blocked' ? 'refused' : state.replace(/_/g, ' ');

/**
 * The promotion history, newest first: who asked (by name), when, why, what the gates said and who decided (in
 * pull-request mode, the pull request, linked, and who merged it).
 */
export function PromotionTimeline(props: {
  history: PromotionRecord[];
  model?: Pick<ModelEntityV1alpha1, 'spec'>;
}) {
  const items = [...props.history].reverse();
  return (
    <InfoCard title="Promotion history">
      {items.length === 0 ? (
        'No alias has been moved through the portal yet.'
      ) : (
        <List dense aria-label="Promotion history">
          {items.map(record => {
            const failedGates = record.gates.filter(g => !g.passed);
            const details: Array<[string, ReactNode]> = [
              [
                'request',
                <>
                  {new Date(record.requestedAt).toLocaleString()} by{' '}
                  <PersonLink entityRef={record.requestedBy} />: {record.reason}
                </>,
              ],
            ];
            if (record.decidedBy) {
              details.push([
                'decision',
                <>
                  {record.state === 'rejected' ? 'rejected' : 'approved'} by{' '}
                  <PersonLink entityRef={record.decidedBy} />
                  {record.decisionComment ? `: ${record.decisionComment}` : ''}
                </>,
              ]);
            }
            const pull = record.pullRequest;
            if (pull) {
              details.push([
                'pull request',
                <>
                  <Link to={pull.url}>pull request #{pull.number}</Link>
                  {pull.state === 'merged' &&
                    ` merged${pull.mergedBy ? ` by ${pull.mergedBy}` : ''}${
                      pull.mergedAt
                        ? ` at ${new Date(pull.mergedAt).toLocaleString()}`
                        : ''
                    }`}
                  {pull.state === 'closed' && ' closed without merging'}
                  {pull.state === 'open' && ' open, waiting for review'}
                </>,
              ]);
            }
            if (failedGates.length > 0) {
              details.push([
                'gates',
                `gates failed: ${failedGates
                  .map(g => describeGate(g, props.model).failure)
                  .join('; ')}`,
              ]);
            }
            if (record.error) {
              details.push(['error', `error: ${record.error}`]);
            }
            return (
              <ListItem key={record.id} divider>
                <ListItemText
                  primary={describePromotion(record)}
                  secondary={details.map(([key, node], i) => (
                    <Fragment key={key}>
                      {i > 0 && ' · '}
                      {node}
                    </Fragment>
                  ))}
                />
                <Chip
                  size="small"
                  label={stateLabel(record.state)}
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
