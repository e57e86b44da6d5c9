import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ModelEntityV1alpha1,
  ModelGitOps,
  ServingGitOps,
} from '@mlops-portal/plugin-mlops-common';
import {
  editManifest,
  GitRepositories,
  GitRepository,
  NamedInstances,
  ServedModelUris,
} from '@mlops-portal/plugin-mlops-node';
import { ArgoCdClient } from '../../shared/argocd/ArgoCdClient';
import { kubernetesErrorToServiceError } from '../../shared/errors/kubernetesErrorToServiceError';
import { upstreamErrorToServiceError } from '../../shared/errors/upstreamErrorToServiceError';
import { ModelEntities } from '../../shared/ModelEntities';
import { ServingPlatforms } from '../../shared/ServingPlatforms';
import { LiveServingService } from '../LiveServingService';
import {
  liveSplit,
  modelUriDifferences,
  splitDifferences,
} from './splitDifferences';

type LiveServing = Awaited<ReturnType<LiveServingService['read']>>;
type LiveSide = { serving: LiveServing; modelUris?: ServedModelUris };

type GitSide = {
  headSha: string;
  manifest: string;
  lastCommit: ServingGitOps['revision']['lastCommit'];
};

/**
 * A GitOps Model's serving as Git has it: where the manifest lives (with web links), the branch head and the last
 * commit that changed the file, whether the live object (read through {@link LiveServingService}) matches the
 * manifest at that head on the fields the platform's router writes (traffic, versions, claim, and where each role's
 * model files are loaded from), and the Argo CD Application's sync and health. Fields the operator or the GitOps
 * controller own (status, server-set metadata, other annotations) are never compared.
 *
 * Git is the page's subject, so a failure to read it fails the read (502/503 naming GitHub). The cluster and Argo
 * CD are reported per part (`live.state: unknown`, `argocd.error`): the page still shows what Git says.
 */
export class GitOpsServingService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      platforms: ServingPlatforms;
      liveServing: LiveServingService;
      repositories: GitRepositories;
      argocd: NamedInstances<ArgoCdClient>;
    },
  ) {}

  /** Read with the caller's credentials: a Model the caller cannot see in the catalog is a 404. */
  async read(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ServingGitOps> {
    const entity = await this.deps.models.getModel(entityRef, credentials);
    const gitops = entity.spec.serving?.gitops;
    if (!gitops) {
      throw new NotFoundError(
        `${entityRef} is not managed from Git (no spec.serving.gitops)`,
      );
    }
    const repo = this.repositoryOf(gitops);
    const [git, live, argocd] = await Promise.all([
      this.readGit(repo, gitops).catch(error => {
        throw upstreamErrorToServiceError(error);
      }),
      this.deps.liveServing
        .read(entityRef, credentials)
        .then(serving => this.withModelUris(serving))
        .catch((error: Error) => ({ error })),
      this.readArgoCd(gitops, repo),
    ]);
    return {
      entityRef,
      source: {
        repoUrl: gitops.repoUrl,
        path: gitops.path,
        branch: gitops.branch,
        mode: gitops.mode,
        links: {
          repo: repo.url,
          branch: repo.branchUrl(gitops.branch),
          file: repo.fileUrl(gitops.path, gitops.branch),
        },
      },
      revision: {
        branchHead: { sha: git.headSha, url: repo.commitUrl(git.headSha) },
        ...(git.lastCommit ? { lastCommit: git.lastCommit } : {}),
      },
      live:
        'error' in live
          ? {
              state: 'unknown',
              differences: [],
              message: `The live object could not be read: ${live.error.message}`,
            }
          : this.compare(entity, gitops, git, live),
      ...(argocd ? { argocd } : {}),
      readAt: new Date().toISOString(),
    };
  }

  /** A repoUrl the portal may not read (its host not under `integrations`) is the portal's setup missing: a 503. */
  private repositoryOf(gitops: ModelGitOps): GitRepository {
    try {
      return this.deps.repositories.forUrl(gitops.repoUrl);
    } catch (error) {
      throw new ServiceUnavailableError(`GitHub: ${(error as Error).message}`);
    }
  }

  /** The manifest and the last commit that changed it, both at the branch's head (one consistent revision). */
  private async readGit(
    repo: GitRepository,
    gitops: ModelGitOps,
  ): Promise<GitSide> {
    const headSha = await repo.branchHead(gitops.branch);
    const [file, lastCommit] = await Promise.all([
      repo.readFile(gitops.path, headSha),
      repo.lastCommitTouching(gitops.path, headSha),
    ]);
    return { headSha, manifest: file.content, lastCommit };
  }

  /** The live serving and, where the platform says, where the live object loads each role's model files from. */
  private async withModelUris(serving: LiveServing): Promise<LiveSide> {
    const { router } = this.deps.platforms.get(serving.platform);
    if (!router.readModelUris) return { serving };
    const { cluster, namespace, name } = serving.target;
    const modelUris = await router
      .readModelUris(serving.target)
      .catch(error => {
        throw kubernetesErrorToServiceError(
          error,
          `serving resource ${namespace}/${name} on cluster '${cluster}'`,
        );
      });
    return { serving, modelUris };
  }

  private compare(
    entity: ModelEntityV1alpha1,
    gitops: ModelGitOps,
    git: GitSide,
    { serving: live, modelUris }: LiveSide,
  ): ServingGitOps['live'] {
    const platform = this.deps.platforms.get(live.platform);
    const reader = platform.router.manifestSplit;
    if (!reader) {
      return {
        state: 'unknown',
        differences: [],
        message: `${platform.title} serving cannot be compared with a manifest in Git`,
      };
    }
    const where = `${gitops.path} at ${git.headSha.slice(0, 7)}`;
    try {
      const { object } = editManifest<unknown>(
        git.manifest,
        {
          apiVersion: reader.apiVersion,
          kind: reader.kind,
          namespace: live.target.namespace,
          name: entity.spec.serving?.resourceName ?? live.target.name,
        },
        unchanged => unchanged,
        where,
      );
      const differences = [
        ...splitDifferences(reader.splitOf(object), liveSplit(live)),
        ...(reader.modelUrisOf && modelUris
          ? modelUriDifferences(reader.modelUrisOf(object), modelUris)
          : []),
      ];
      return { state: differences.length ? 'differs' : 'matches', differences };
    } catch (error) {
      return {
        state: 'unknown',
        differences: [],
        message: `${where} could not be read as the serving object: ${
          (error as Error).message
        }`,
      };
    }
  }

  private async readArgoCd(
    gitops: ModelGitOps,
    repo: GitRepository,
  ): Promise<ServingGitOps['argocd']> {
    const controller = gitops.controller;
    if (controller?.type !== 'argocd') return undefined;
    const part = {
      instance: controller.instance,
      application: controller.application,
    };
    try {
      const status = await this.deps.argocd
        .get(controller.instance)
        .application(controller.application);
      return {
        ...part,
        url: status.url,
        sync: status.sync,
        health: status.health,
        ...(status.revision
          ? {
              revision: status.revision,
              revisionUrl: repo.commitUrl(status.revision),
            }
          : {}),
      };
    } catch (error) {
      const mapped = upstreamErrorToServiceError(error) as Error & {
        name: string;
      };
      return {
        ...part,
        error: {
          status: mapped.name === 'ServiceUnavailableError' ? 503 : 502,
          message: mapped.message,
        },
      };
    }
  }
}
