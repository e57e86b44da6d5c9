import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  isSafeRepoPath,
  ModelAliasFile,
  PromotionPullRequest,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import {
  editAliasFile,
  GitConflictError,
  GitHubApiError,
  GitRepositories,
  GitRepository,
} from '@mlops-portal/plugin-mlops-node';
import { upstreamErrorToServiceError } from '../../shared/errors/upstreamErrorToServiceError';
import { PromotionStore } from '../PromotionStore';

/** A promotion still without its pull request after this long was cut short (the replica stopped mid-way). */
const OPENING_GIVES_UP_MS = 10 * 60_000;

/**
 * Promotions in `pull-request` mode (`spec.registry.changeVia: pull-request`): instead of an in-portal approval,
 * the move of a protected alias becomes a pull request against the Model's alias file (branch
 * `mlops/promotion-<id>`), whose review is the approval; CI applies the merged file to the registry, the portal
 * never writes the registry itself. The promotion waits as `pending_pull_request` (holding the alias's lock) and
 * {@link AliasFilePullRequests.check} records the outcome: merged → `completed` at the merge time, naming who
 * merged it; closed unmerged → `rejected`. Every outcome is a conditional transition from
 * `pending_pull_request`, so two replicas checking at once record it once.
 */
export class AliasFilePullRequests {
  static fromConfig(
    config: Config,
    deps: { store: PromotionStore; logger: LoggerService },
  ) {
    return new AliasFilePullRequests({
      ...deps,
      repositories: GitRepositories.fromConfig(config),
      appBaseUrl: config.getOptionalString('app.baseUrl'),
    });
  }

  private readonly lastChecked = new Map<string, number>();

  constructor(
    private readonly deps: {
      store: PromotionStore;
      logger: LoggerService;
      repositories: GitRepositories;
      appBaseUrl?: string;
    },
  ) {}

  /**
   * The repository of an alias file, refused (before anything is recorded) when its path is not a plain file
   * inside the repository or its host is not configured under `integrations`.
   */
  repository(file: Required<ModelAliasFile>): GitRepository {
    if (!isSafeRepoPath(file.path)) {
      throw new InputError(
        `'${file.path}' is not an alias file path inside the repository (relative, no '..', a .yaml file)`,
      );
    }
    return this.deps.repositories.forUrl(file.repoUrl);
  }

  /**
   * Opens the pull request for a promotion recorded as `pending_pull_request` (its lock held) and keeps it with
   * the promotion. When that fails the promotion is recorded as failed, which frees the alias.
   */
  async open(
    record: PromotionRecord,
    file: Required<ModelAliasFile>,
    provider: string,
  ): Promise<PromotionRecord> {
    try {
      const repo = this.repository(file);
      const branch = `mlops/promotion-${record.id}`;
      await repo.createBranch(branch, await repo.branchHead(file.branch));
      const current = await repo
        .readFile(file.path, branch)
        .catch(error =>
          error instanceof GitHubApiError && error.isNotFound
            ? undefined
            : Promise.reject(error),
        );
      const edit = editAliasFile(
        current?.content,
        {
          registeredModel: record.registeredModel,
          provider,
          instance: record.instance,
          alias: record.alias,
          version: record.toVersion,
        },
        `${file.path} on ${branch}`,
      );
      const [title, ...body] = this.message(record).split('\n');
      await repo.writeFile({
        path: file.path,
        branch,
        content: edit.text,
        sha: current?.sha,
        message: title,
      });
      const pull = await repo.openPullRequest({
        title,
        body: body.join('\n').trim(),
        head: branch,
        base: file.branch,
      });
      const pullRequest: PromotionPullRequest = {
        number: pull.number,
        url: pull.url,
        state: 'open',
        repoUrl: file.repoUrl,
        path: file.path,
      };
      await this.deps.store.transition(record.id, 'pending_pull_request', {
        pullRequest,
      });
      this.deps.logger.info(
        `${record.requestedBy} requested ${record.entityRef} ${record.alias} → ${record.toVersion} through pull request ${pull.url} (${record.id})`,
      );
      return { ...record, pullRequest };
    } catch (error) {
      await this.deps.store.transition(record.id, 'pending_pull_request', {
        state: 'failed',
        error: `could not open the pull request against ${file.path} in ${
          file.repoUrl
        }: ${(error as Error).message}`,
      });
      throw upstreamErrorToServiceError(error);
    }
  }

  /**
   * Commits a move the portal made in the registry itself (a rollback: the emergency path) straight to the
   * alias file's branch, saying so, so that CI's next run does not put the old version back. A file that moved
   * on meanwhile is read again (up to three times).
   */
  async commitDirect(
    record: PromotionRecord,
    file: Required<ModelAliasFile>,
    provider: string,
  ): Promise<{ sha: string; url: string }> {
    const repo = this.repository(file);
    const { name } = parseEntityRef(record.entityRef);
    const link = this.portalLink(record.entityRef);
    const message = [
      `Roll back ${name} ${record.alias}: v${
        record.fromVersion ?? '(none)'
      } → v${record.toVersion}`,
      '',
      `Committed directly, without a pull request: a rollback is the emergency path, and the MLOps Portal already moved the alias in the registry.`,
      `Rolled back by ${record.requestedBy}: ${record.reason}`,
      ...(link ? ['', `Model in the portal: ${link}`] : []),
      '',
      `Promotion ${record.id}`,
    ].join('\n');
    for (let attempt = 1; ; attempt++) {
      const current = await repo
        .readFile(file.path, file.branch)
        .catch(error =>
          error instanceof GitHubApiError && error.isNotFound
            ? undefined
            : Promise.reject(error),
        );
      const edit = editAliasFile(current?.content, {
        registeredModel: record.registeredModel,
        provider,
        instance: record.instance,
        alias: record.alias,
        version: record.toVersion,
      });
      try {
        return await repo.writeFile({
          path: file.path,
          branch: file.branch,
          content: edit.text,
          sha: current?.sha,
          message,
        });
      } catch (error) {
        if (!(error instanceof GitConflictError) || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Records the outcome of every promotion waiting for its pull request (of one Model, when `entityRef` is
   * given). `minIntervalMs` skips a pull request looked at more recently than that (reads of the history check
   * too). One failing pull request does not stop the others; its error is logged.
   */
  async check(
    options: { entityRef?: string; minIntervalMs?: number } = {},
  ): Promise<void> {
    const now = Date.now();
    for (const record of await this.deps.store.awaitingPullRequests(
      options.entityRef,
    )) {
      if (
        options.minIntervalMs &&
        now - (this.lastChecked.get(record.id) ?? 0) < options.minIntervalMs
      ) {
        continue;
      }
      this.lastChecked.set(record.id, now);
      try {
        await this.checkOne(record, now);
      } catch (error) {
        this.deps.logger.warn(
          `Could not check the pull request of promotion ${record.id} of ${record.entityRef}: ${error}`,
        );
      }
    }
  }

  private async checkOne(record: PromotionRecord, now: number) {
    const { store } = this.deps;
    const known = record.pullRequest;
    if (!known) {
      if (now - Date.parse(record.requestedAt) > OPENING_GIVES_UP_MS) {
        await store.transition(record.id, 'pending_pull_request', {
          state: 'failed',
          error: 'its pull request was never opened',
        });
      }
      return;
    }
    const repo = this.deps.repositories.forUrl(known.repoUrl);
    const pull = await repo.getPullRequest(known.number);
    if (pull.state === 'open') {
      return;
    }
    const at = pull.mergedAt ?? pull.closedAt ?? new Date(now).toISOString();
    if (pull.merged) {
      const by = pull.mergedBy ? ` by ${pull.mergedBy}` : '';
      await store.transition(record.id, 'pending_pull_request', {
        state: 'completed',
        completedAt: at,
        decidedAt: at,
        decisionComment: `merged through pull request #${pull.number}${by}; CI applies the alias file to the registry`,
        pullRequest: {
          ...known,
          state: 'merged',
          mergedAt: at,
          ...(pull.mergedBy ? { mergedBy: pull.mergedBy } : {}),
        },
      });
      this.deps.logger.info(
        `Pull request ${known.url} merged${by}: ${record.entityRef} ${record.alias} → ${record.toVersion} (${record.id})`,
      );
    } else {
      await store.transition(record.id, 'pending_pull_request', {
        state: 'rejected',
        decidedAt: at,
        decisionComment: `pull request #${pull.number} was closed without merging`,
        pullRequest: { ...known, state: 'closed', closedAt: at },
      });
    }
    this.lastChecked.delete(record.id);
  }

  /** The pull request's title (first line) and body: what moves, why, the gates, who asked, a link back. */
  private message(record: PromotionRecord): string {
    const { name } = parseEntityRef(record.entityRef);
    const gates = record.gates.length
      ? record.gates
          .map(
            g =>
              `- ${g.passed ? '✅' : '❌'} ${g.metric} ${g.kind} ${
                g.effectiveThreshold ?? g.threshold
              }: measured ${g.measured ?? 'none'}`,
          )
          .join('\n')
      : // A Model without gates, or a rollout's end: its gates were checked when the rollout started.
        '- none recorded with this request (a rollout checks its gates when it starts)';
    const link = this.portalLink(record.entityRef);
    return [
      `Promote ${name} ${record.alias}: v${record.fromVersion ?? '(none)'} → v${
        record.toVersion
      }`,
      '',
      `Points alias \`${record.alias}\` of registered model \`${
        record.registeredModel
      }\` (registry instance \`${record.instance}\`) at version ${
        record.toVersion
      } (now ${record.fromVersion ?? 'unset'}).`,
      '',
      `Requested by ${record.requestedBy} in the MLOps Portal: ${record.reason}`,
      '',
      record.gates.length ? 'Quality gates (all passed):' : 'Quality gates:',
      gates,
      '',
      "This pull request's review is the approval: once merged, CI applies the alias file to the registry and the portal records the move.",
      ...(link ? ['', `Model in the portal: ${link}`] : []),
      '',
      `Promotion ${record.id}`,
    ].join('\n');
  }

  private portalLink(entityRef: string): string | undefined {
    if (!this.deps.appBaseUrl) return undefined;
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `${this.deps.appBaseUrl.replace(
      /\/$/,
      '',
    )}/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
      kind.toLocaleLowerCase('en-US'),
    )}/${encodeURIComponent(name)}/registry`;
  }
}
