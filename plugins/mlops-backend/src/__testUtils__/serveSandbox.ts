import {
  AliasFileCiFake,
  createSandboxApp,
  GitHubFake,
  GitOpsControllerFake,
  MlflowFake,
  SANDBOX_GITHUB_HOST,
  SANDBOX_GITHUB_TOKEN,
  SANDBOX_GITOPS_REPO,
} from '@mlops-portal/sandbox';
import { AddressInfo } from 'node:net';

/** The sandbox's GitOps repository as a Model's `spec.serving.gitops.repoUrl` or alias file names it. */
export const SANDBOX_GITOPS_REPO_URL = `https://${SANDBOX_GITHUB_HOST}/${SANDBOX_GITOPS_REPO}`;

/** A sandbox served by `serveSandbox`, with its stand-ins for a test to look into or steer. */
export type ServedSandbox = {
  url: string;
  /** The GitHub stand-in, to read commits, files and pull requests. */
  github: GitHubFake;
  /** The GitOps controller stand-in; `paused` stops it applying the branch head to the cluster. */
  controller: GitOpsControllerFake;
  /** The CI stand-in that applies a merged alias file to the sandbox's MLflow. */
  aliasCi: AliasFileCiFake;
  /** The sandbox's own MLflow (not the route harness's msw fake). */
  mlflow: MlflowFake;
  /** `integrations.github` for app-config, pointing at the GitHub stand-in. */
  githubIntegration: {
    github: { host: string; apiBaseUrl: string; token: string }[];
  };
  /** Stops serving; a second call does nothing (a test may stop it early to see the portal meet a dead GitHub). */
  close(): Promise<void>;
};

/**
 * The sandbox app (the demo's stand-ins for GitHub, a GitOps controller, Kubernetes, Argo CD, MLflow, …) served
 * over HTTP on a free loopback port, as the GitOps and pull-request tests reach it.
 */
export async function serveSandbox(
  options: Parameters<typeof createSandboxApp>[0],
): Promise<ServedSandbox> {
  const app = createSandboxApp(options);
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    github: app.locals.github,
    controller: app.locals.gitops,
    aliasCi: app.locals.aliasCi,
    mlflow: app.locals.mlflow,
    githubIntegration: {
      github: [
        {
          host: SANDBOX_GITHUB_HOST,
          apiBaseUrl: `${url}/github`,
          token: SANDBOX_GITHUB_TOKEN,
        },
      ],
    },
    close: () =>
      (closed ??= new Promise<void>(resolve => server.close(() => resolve()))),
  };
}
