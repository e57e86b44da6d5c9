import { z } from 'zod';

/*
 * A GitOps Model's serving as Git has it (`GET /v1/entities/{kind}/{namespace}/{name}/serving/gitops`): where its
 * manifest lives, the revision, whether the live object matches, and the Argo CD Application applying it.
 */

const gitCommitSchema = z.object({
  sha: z.string(),
  /** The commit's web page. */
  url: z.string(),
});

/**
 * What `GET …/serving/gitops` answers for a Model with `spec.serving.gitops` (a Model without it is a 404). A
 * failure to read Git is the route's own error (502/503 naming GitHub); the cluster and Argo CD are reported per
 * part, so the page still shows what Git says when one of them cannot be read.
 *
 * @public
 */
export const servingGitOpsSchema = z.object({
  entityRef: z.string(),
  /** `spec.serving.gitops` with the web pages of the repository, the branch and the manifest file. */
  source: z.object({
    repoUrl: z.string(),
    path: z.string(),
    branch: z.string(),
    mode: z.enum(['commit', 'pull-request']),
    links: z.object({ repo: z.string(), branch: z.string(), file: z.string() }),
  }),
  /** The manifest's revision: the branch's head, and the newest commit on it that changed the file. */
  revision: z.object({
    branchHead: gitCommitSchema,
    lastCommit: gitCommitSchema
      .extend({
        /** The message's first line. */
        title: z.string(),
        author: z.string().optional(),
        date: z.string().optional(),
      })
      .optional(),
  }),
  /**
   * Whether the live object matches the manifest at the branch head on the fields the platform's router writes
   * (weights, versions, shadow, claim), each difference in words; `unknown` (with `message`) when the cluster or
   * the manifest could not be read or compared.
   */
  live: z.object({
    state: z.enum(['matches', 'differs', 'unknown']),
    differences: z.array(z.string()),
    message: z.string().optional(),
  }),
  /**
   * The Argo CD Application applying the manifest (`spec.serving.gitops.controller`), absent without one. When
   * Argo CD cannot be read, `error` says why and `status` is the status the failure maps to (502 or 503).
   */
  argocd: z
    .object({
      instance: z.string(),
      application: z.string(),
      /** The Application's page in Argo CD. */
      url: z.string().optional(),
      /** `status.sync.status`: Synced, OutOfSync, Unknown. */
      sync: z.string().optional(),
      /** `status.health.status`: Healthy, Progressing, Degraded, Suspended, Missing, Unknown. */
      health: z.string().optional(),
      /** `status.sync.revision`: the commit the Application is synced to. */
      revision: z.string().optional(),
      /** That commit's web page. */
      revisionUrl: z.string().optional(),
      error: z
        .object({ status: z.number().int(), message: z.string() })
        .optional(),
    })
    .optional(),
  readAt: z.string(),
});

/**
 * A GitOps Model's serving as Git has it (`servingGitOpsSchema`).
 *
 * @public
 */
export type ServingGitOps = z.infer<typeof servingGitOpsSchema>;
