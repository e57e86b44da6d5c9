/*
 * DEMO STAND-IN / TEST DOUBLE: a GitOps controller in the manner of Argo CD, for the sandbox only. Each
 * Application follows one manifest file on one branch of a repository in the GitHub stand-in; once the
 * branch's head has been new for `syncDelayMs`, the controller applies every document of the file at that head
 * to the Kubernetes stand-in (a replace carrying the live resourceVersion, or a create), and reports the
 * Application as Argo CD's API would: sync status (Synced/OutOfSync) with the revision, health.
 */
import { parseAllDocuments } from 'yaml';
import { GitHubFake } from '../github/GitHubFake';
import { KubernetesFake } from '../kubernetes/KubernetesFake';
import { kindsByPlural, KubernetesObject } from '../kubernetes/kubernetesWire';

export type GitOpsApplicationSpec = {
  name: string;
  /** The repository in the GitHub stand-in, `owner/name`, and its web URL. */
  repo: string;
  repoUrl: string;
  branch: string;
  path: string;
};

type ApplicationState = GitOpsApplicationSpec & {
  /** The branch head the controller has seen, and since when. */
  targetRevision?: string;
  seenAt?: number;
  syncedRevision?: string;
  syncedAt?: string;
  lastError?: string;
};

const pluralsByKind = new Map(
  Object.entries(kindsByPlural).map(([plural, kind]) => [kind, plural]),
);

export class GitOpsControllerFake {
  private readonly applications = new Map<string, ApplicationState>();
  /** While true nothing is applied: a controller that is down, for a sync that never arrives. */
  paused = false;

  constructor(
    private readonly github: GitHubFake,
    private readonly kubernetes: KubernetesFake,
    private readonly kubernetesToken: string,
    /** How long a new head waits before it is applied (the demo's Argo CD polling and sync). */
    public syncDelayMs = 3000,
  ) {}

  addApplication(spec: GitOpsApplicationSpec) {
    this.applications.set(spec.name, { ...spec });
    // What the cluster runs at the start is what Git says: no sync owed for the seed.
    const head = this.github.head(spec.repo, spec.branch);
    this.applications.set(spec.name, {
      ...spec,
      targetRevision: head,
      syncedRevision: head,
      syncedAt: new Date().toISOString(),
    });
  }

  /** Notices new heads and applies those whose delay has passed. */
  tick(now = Date.now()) {
    for (const app of this.applications.values()) {
      const head = this.github.head(app.repo, app.branch);
      if (head && head !== app.targetRevision) {
        app.targetRevision = head;
        app.seenAt = now;
      }
      if (
        !this.paused &&
        app.targetRevision &&
        app.targetRevision !== app.syncedRevision &&
        now - (app.seenAt ?? now) >= this.syncDelayMs
      ) {
        this.apply(app, app.targetRevision);
      }
    }
  }

  /** The Application as Argo CD's `GET /api/v1/applications/{name}` answers it. */
  application(name: string): unknown | undefined {
    const app = this.applications.get(name);
    if (!app) return undefined;
    const synced = app.syncedRevision === app.targetRevision;
    return {
      metadata: { name: app.name, namespace: 'argocd' },
      spec: {
        project: 'default',
        source: {
          repoURL: app.repoUrl,
          path: app.path,
          targetRevision: app.branch,
        },
        destination: { server: 'https://kubernetes.default.svc' },
        syncPolicy: { automated: { prune: false, selfHeal: true } },
      },
      status: {
        sync: {
          status: synced ? 'Synced' : 'OutOfSync',
          revision: app.targetRevision,
        },
        health: { status: this.health(app, synced) },
        operationState: {
          phase: app.lastError ? 'Failed' : 'Succeeded',
          message: app.lastError ?? 'successfully synced (all tasks run)',
          syncResult: { revision: app.syncedRevision },
          finishedAt: app.syncedAt,
        },
        reconciledAt: new Date().toISOString(),
      },
    };
  }

  private health(app: ApplicationState, synced: boolean) {
    if (app.lastError) return 'Degraded';
    return synced ? 'Healthy' : 'Progressing';
  }

  private apply(app: ApplicationState, revision: string) {
    const text = this.github.file(app.repo, revision, app.path);
    app.syncedRevision = revision;
    app.syncedAt = new Date().toISOString();
    app.lastError = undefined;
    if (text === undefined) {
      app.lastError = `${app.path} not found at ${revision}`;
      return;
    }
    for (const doc of parseAllDocuments(text) as any[]) {
      const object = doc.toJS() as KubernetesObject | null;
      if (!object?.kind) continue;
      const error = this.applyObject(object);
      if (error) app.lastError = error;
    }
  }

  private applyObject(object: KubernetesObject): string | undefined {
    const plural = pluralsByKind.get(object.kind);
    const [group, version] = object.apiVersion.includes('/')
      ? object.apiVersion.split('/')
      : ['', object.apiVersion];
    const namespace = object.metadata.namespace ?? 'default';
    if (!plural) return `unknown kind ${object.kind}`;
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const collection = `${base}/namespaces/${namespace}/${plural}`;
    const live = this.kubernetes.get(
      group,
      plural,
      namespace,
      object.metadata.name,
    );
    const body = {
      ...object,
      metadata: {
        ...object.metadata,
        namespace,
        ...(live ? { resourceVersion: live.metadata.resourceVersion } : {}),
      },
    };
    const answer = this.kubernetes.handle({
      method: live ? 'PUT' : 'POST',
      path: live ? `${collection}/${object.metadata.name}` : collection,
      query: new URLSearchParams(),
      authorization: `Bearer ${this.kubernetesToken}`,
      body: JSON.stringify(body),
    });
    return answer.status >= 300
      ? `${object.kind} ${namespace}/${object.metadata.name}: ${answer.status}`
      : undefined;
  }
}
