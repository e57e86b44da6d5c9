import {
  InfoCard,
  Link,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ModelGitOps, ServingGitOps } from '@mlops-portal/plugin-mlops-common';
import { ReactNode } from 'react';
import { InlineStatus } from '../InlineStatus';
import { shortSha } from './gitChangeText';

/** @public */
export interface GitOpsCardProps {
  /** The Model's `spec.serving.gitops`, shown even when the backend cannot read Git. */
  gitops: ModelGitOps;
  /** `GET …/serving/gitops` as last read. */
  value?: ServingGitOps;
  /** Why the last read failed, if it did. */
  error?: Error;
}

function Row(props: { label: string; children: ReactNode }) {
  return (
    <Typography variant="body2" component="div" style={{ marginBottom: 4 }}>
      <strong>{props.label}:</strong> {props.children}
    </Typography>
  );
}

const modeWords = (gitops: Pick<ModelGitOps, 'mode' | 'branch'>) =>
  gitops.mode === 'pull-request'
    ? `pull request: each step is a pull request against ${gitops.branch}; aborts and switch-backs commit directly`
    : `commit: each traffic change is a commit to ${gitops.branch}`;

function SyncStatus(props: { sync: string }) {
  if (props.sync === 'Synced') return <StatusOK>Synced</StatusOK>;
  if (props.sync === 'OutOfSync')
    return <StatusWarning>OutOfSync</StatusWarning>;
  return <StatusPending>{props.sync}</StatusPending>;
}

function HealthStatus(props: { health: string }) {
  switch (props.health) {
    case 'Healthy':
      return <StatusOK>Healthy</StatusOK>;
    case 'Progressing':
      return <StatusRunning>Progressing</StatusRunning>;
    case 'Degraded':
    case 'Missing':
      return <StatusError>{props.health}</StatusError>;
    default:
      return <StatusPending>{props.health}</StatusPending>;
  }
}

function LiveAgainstGit(props: { live: ServingGitOps['live'] }) {
  const { live } = props;
  if (live.state === 'matches') {
    return (
      <InlineStatus>
        <StatusOK>Live matches Git</StatusOK>
      </InlineStatus>
    );
  }
  if (live.state === 'unknown') {
    return (
      <StatusPending>
        Live not compared with Git: {live.message ?? 'unknown'}
      </StatusPending>
    );
  }
  return (
    <>
      <InlineStatus>
        <StatusWarning>Live differs from Git</StatusWarning>
      </InlineStatus>
      <ul
        aria-label="Differences between live and Git"
        style={{ margin: '4px 0' }}
      >
        {live.differences.map(d => (
          <li key={d}>
            <Typography variant="body2">{d}</Typography>
          </li>
        ))}
      </ul>
    </>
  );
}

function ArgoCd(props: {
  argocd: NonNullable<ServingGitOps['argocd']>;
  branchHead: string;
}) {
  const { argocd, branchHead } = props;
  const name = argocd.url ? (
    <Link to={argocd.url}>{argocd.application}</Link>
  ) : (
    argocd.application
  );
  if (argocd.error) {
    return (
      <Row label="Argo CD">
        {name}{' '}
        <Typography color="error" variant="body2" component="span">
          could not be read: {argocd.error.message}
        </Typography>
      </Row>
    );
  }
  return (
    <Row label="Argo CD">
      {name} (instance {argocd.instance}) ·{' '}
      <InlineStatus>
        <SyncStatus sync={argocd.sync ?? 'Unknown'} />
      </InlineStatus>{' '}
      ·{' '}
      <InlineStatus>
        <HealthStatus health={argocd.health ?? 'Unknown'} />
      </InlineStatus>
      {argocd.revision && (
        <>
          {' '}
          · synced to{' '}
          {argocd.revisionUrl ? (
            <Link to={argocd.revisionUrl}>{shortSha(argocd.revision)}</Link>
          ) : (
            shortSha(argocd.revision)
          )}
          {argocd.revision === branchHead ? ' (the branch head)' : ''}
        </>
      )}
    </Row>
  );
}

/**
 * A GitOps Model's serving as Git has it: the repository, manifest, branch and mode (linked), the manifest's
 * revision (the last commit that changed it, linked), whether the live object matches Git or how it differs, in
 * words, and the Argo CD Application's sync, health and synced revision, linked to Argo CD.
 */
export function GitOpsCard(props: GitOpsCardProps) {
  const { gitops, value, error } = props;
  const links = value?.source.links;
  const repoName = gitops.repoUrl
    .replace(/^https:\/\/[^/]+\//, '')
    .replace(/\.git$/, '');
  return (
    <InfoCard title="Git" subheader="Traffic is managed from Git (GitOps)">
      <Row label="Repository">
        <Link to={links?.repo ?? gitops.repoUrl}>{repoName}</Link>
      </Row>
      <Row label="Manifest">
        {links ? <Link to={links.file}>{gitops.path}</Link> : gitops.path}
      </Row>
      <Row label="Branch">
        {links ? <Link to={links.branch}>{gitops.branch}</Link> : gitops.branch}
      </Row>
      <Row label="Mode">{modeWords(gitops)}</Row>
      {!value && !error && <Progress />}
      {error && (
        <Typography color="error" variant="body2">
          Could not read Git: {error.message}
        </Typography>
      )}
      {value && (
        <>
          <Row label="Manifest revision">
            {value.revision.lastCommit ? (
              <>
                <Link to={value.revision.lastCommit.url}>
                  {shortSha(value.revision.lastCommit.sha)}
                </Link>{' '}
                {value.revision.lastCommit.title}
                {value.revision.lastCommit.author
                  ? ` · ${value.revision.lastCommit.author}`
                  : ''}
                {value.revision.lastCommit.date
                  ? ` · ${new Date(
                      value.revision.lastCommit.date,
                    ).toLocaleString()}`
                  : ''}
              </>
            ) : (
              <Link to={value.revision.branchHead.url}>
                {shortSha(value.revision.branchHead.sha)}
              </Link>
            )}
          </Row>
          <Row label="Live">
            <LiveAgainstGit live={value.live} />
          </Row>
          {value.argocd && (
            <ArgoCd
              argocd={value.argocd}
              branchHead={value.revision.branchHead.sha}
            />
          )}
          <Typography variant="body2" color="textSecondary">
            Read at {new Date(value.readAt).toLocaleTimeString()}
          </Typography>
        </>
      )}
    </InfoCard>
  );
}
