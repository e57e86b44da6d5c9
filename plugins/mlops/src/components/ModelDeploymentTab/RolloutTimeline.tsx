import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import {
  RolloutEvent,
  RolloutGitChange,
} from '@mlops-portal/plugin-mlops-common';
import { PersonLink } from '../PersonLink/PersonLink';
import { gitChangeStatus, shortSha } from './gitChangeText';
import { RolloutStateChip } from './RolloutStateChip';

type TransitionEvent = Extract<RolloutEvent, { type: 'transition' }>;

/**
 * The Git change behind a transition (GitOps mode): "PR #12" or a short sha, linked; "direct (emergency)" when an
 * emergency path committed straight to the branch in pull-request mode; and where it stands.
 */
function GitChange(props: { git: RolloutGitChange }) {
  const { git } = props;
  const sha = git.sha && shortSha(git.sha);
  let change;
  if (git.pullRequest) {
    change = (
      <>
        <Link to={git.pullRequest.url}>PR #{git.pullRequest.number}</Link>
        {sha ? ` (merge commit ${sha})` : ''}
      </>
    );
  } else if (sha) {
    change = git.url ? <Link to={git.url}>{sha}</Link> : sha;
  } else {
    change = git.url ? <Link to={git.url}>Git change</Link> : 'Git change';
  }
  return (
    <Typography
      variant="body2"
      component="span"
      data-testid="rollout-git-change"
    >
      · {change}
      {git.direct ? ' direct (emergency)' : ''} · {gitChangeStatus(git)}
    </Typography>
  );
}

/**
 * A rollout's transitions as the API returns them (`GET /v1/rollouts/:id`'s events), newest first: when, who or
 * what (a person by catalog name, or the rollout engine), from → to, at which step and weight, and why. Each
 * person's reason (start, pause, resume, promote, abort) is kept here. In GitOps mode, the commit or pull request
 * behind a step or an ending, linked, and whether it is committed, merged or applied.
 */
export function RolloutTimeline(props: { events: RolloutEvent[] }) {
  const transitions = props.events
    .filter((e): e is TransitionEvent => e.type === 'transition')
    .reverse();
  return (
    <>
      <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
        Timeline
      </Typography>
      {transitions.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No transitions yet.
        </Typography>
      ) : (
        <List dense aria-label="Rollout timeline" disablePadding>
          {transitions.map((t, i) => (
            <ListItem
              key={`${t.at}-${i}`}
              divider
              disableGutters
              data-testid="rollout-transition"
            >
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
                    <Typography
                      variant="body2"
                      component="span"
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {new Date(t.at).toLocaleString()}
                    </Typography>
                    {t.from && t.from !== t.to ? (
                      <>
                        <RolloutStateChip state={t.from} size="small" />
                        <span aria-label="to">→</span>
                      </>
                    ) : null}
                    <RolloutStateChip state={t.to} size="small" />
                    <Typography variant="body2" component="span">
                      step {t.stepIndex + 1}
                      {t.weight !== undefined
                        ? `, candidate at ${t.weight}%`
                        : ''}{' '}
                      · by <PersonLink entityRef={t.actor} />
                    </Typography>
                    {t.git && <GitChange git={t.git} />}
                  </div>
                }
                secondary={
                  <Typography variant="body2" color="textSecondary">
                    {t.reason}
                  </Typography>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}
