import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubIntegration,
  ScmIntegrations,
} from '@backstage/integration';
import { GitHubRepository } from './GitHubRepository';
import { GitRepository } from './GitRepository';

/**
 * The repositories GitOps mode may write, resolved through Backstage's `integrations` config: a repoUrl
 * whose host is not configured there is refused (the backend talks to no other Git host), and so is a host of
 * a type without an implementation yet (GitHub is the first; GitLab and Gitea would add theirs here).
 *
 * @public
 */
export class GitRepositories {
  /** The GitHub hosts under `integrations.github`, each with its token and API base URL. */
  static fromConfig(config: Config, options: { timeoutMs?: number } = {}) {
    const configured = new Set(
      (config.getOptionalConfigArray('integrations.github') ?? []).map(c =>
        c.getString('host'),
      ),
    );
    return new GitRepositories(
      ScmIntegrations.fromConfig(config),
      configured,
      options.timeoutMs,
    );
  }

  private readonly github: DefaultGithubCredentialsProvider;

  private constructor(
    private readonly integrations: ScmIntegrations,
    /** Hosts listed in the config itself: the integration library adds github.com by default, we do not. */
    private readonly configuredGithubHosts: Set<string>,
    private readonly timeoutMs?: number,
  ) {
    this.github =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

  /** The repository at `repoUrl`; refused unless its host is configured under `integrations`. */
  forUrl(repoUrl: string): GitRepository {
    let url: URL;
    try {
      url = new URL(repoUrl);
    } catch {
      throw new InputError(`${repoUrl} is not a repository URL`);
    }
    const [owner, repoName, ...rest] = url.pathname
      .replace(/^\/+|\/+$/g, '')
      .split('/');
    if (url.protocol !== 'https:' || !owner || !repoName || rest.length) {
      throw new InputError(
        `${repoUrl} is not a repository URL (https://<host>/<owner>/<repo>)`,
      );
    }
    const integration = this.integrations.byHost(url.host);
    if (!integration) {
      throw new NotAllowedError(
        `${url.host} is not configured under integrations; GitOps mode only writes to configured Git hosts`,
      );
    }
    if (integration.type !== 'github') {
      throw new InputError(
        `GitOps mode writes to GitHub repositories only so far; ${url.host} is a ${integration.type} integration`,
      );
    }
    if (!this.configuredGithubHosts.has(url.host)) {
      throw new NotAllowedError(
        `${url.host} is not configured under integrations.github; GitOps mode only writes to configured Git hosts`,
      );
    }
    const { apiBaseUrl } = (integration as GithubIntegration).config;
    if (!apiBaseUrl) {
      throw new InputError(
        `integrations.github for ${url.host} has no apiBaseUrl`,
      );
    }
    const webUrl = `https://${url.host}/${owner}/${repoName.replace(
      /\.git$/,
      '',
    )}`;
    return new GitHubRepository({
      url: webUrl,
      apiBaseUrl,
      owner,
      repo: repoName.replace(/\.git$/, ''),
      host: url.host,
      timeoutMs: this.timeoutMs,
      headers: async () => {
        const { headers, token } = await this.github.getCredentials({
          url: webUrl,
        });
        if (!token) {
          throw new NotAllowedError(
            `integrations.github for ${url.host} has no token or GitHub App that can write to ${owner}/${repoName}`,
          );
        }
        return headers ?? { Authorization: `Bearer ${token}` };
      },
    });
  }
}
