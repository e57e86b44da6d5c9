import { ConfigReader } from '@backstage/config';
import {
  createSandboxApp,
  GitHubFake,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITHUB_TOKEN,
} from '@mlops-portal/sandbox';
import { AddressInfo } from 'node:net';
import { GitRepositories } from '../GitRepositories';

/**
 * The sandbox's GitHub stand-in served over HTTP on a free port, and `GitRepositories` configured for it as
 * `integrations.github` would be. The GitOps controller stand-in waits a minute, so nothing applies behind a test.
 */
export async function startSandboxGitHub(): Promise<{
  github: GitHubFake;
  repos: GitRepositories;
  stop(): Promise<void>;
}> {
  const app = createSandboxApp({ gitopsSyncDelayMs: 60_000 });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const repos = GitRepositories.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: SANDBOX_GITHUB_HOST,
            apiBaseUrl: `http://127.0.0.1:${port}/github`,
            token: SANDBOX_GITHUB_TOKEN,
          },
        ],
      },
    }),
  );
  return {
    github: app.locals.github,
    repos,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
