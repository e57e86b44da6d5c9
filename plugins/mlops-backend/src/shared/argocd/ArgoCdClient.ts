import { Config } from '@backstage/config';
import {
  NamedInstances,
  UpstreamApiError,
  upstreamJson,
} from '@mlops-portal/plugin-mlops-node';

/** An Argo CD call that did not succeed; `message` carries Argo CD's own (`{error, code, message}` bodies). */
export class ArgoCdApiError extends UpstreamApiError {
  get isNotFound() {
    return this.status === 404;
  }
}

/** What the portal shows of an Argo CD Application: sync and health status and the revision synced. */
export type ArgoCdApplicationStatus = {
  application: string;
  sync: string;
  health: string;
  /** The Git revision (commit sha) the Application is synced to. */
  revision?: string;
  /** The Application's page in Argo CD's UI. */
  url: string;
};

/** Reads Applications from one Argo CD instance (`GET /api/v1/applications/{name}`, bearer token). */
export class ArgoCdClient {
  constructor(
    /** The instance's name under `mlops.argocd.instances`. */
    readonly instanceName: string,
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async application(name: string): Promise<ArgoCdApplicationStatus> {
    const base = this.baseUrl.replace(/\/$/, '');
    const body = await upstreamJson<any>({
      url: `${base}/api/v1/applications/${encodeURIComponent(name)}`,
      method: 'GET',
      bearerToken: this.token,
      timeoutMs: this.timeoutMs,
      fail: failure =>
        new ArgoCdApiError(
          this.instanceName,
          'getApplication',
          failure.status,
          `Argo CD '${this.instanceName}' could not read application ${name}${
            failure.status ? ` (${failure.status})` : ''
          }: ${failure.json?.message ?? failure.reason ?? failure.statusText}`,
        ),
    });
    return {
      application: name,
      sync: body.status?.sync?.status ?? 'Unknown',
      health: body.status?.health?.status ?? 'Unknown',
      ...(body.status?.sync?.revision
        ? { revision: body.status.sync.revision }
        : {}),
      url: `${base}/applications/${encodeURIComponent(name)}`,
    };
  }
}

/** The Argo CD instances under `mlops.argocd.instances`, by name. */
export function argoCdClients(config: Config) {
  return new NamedInstances(
    (config.getOptionalConfigArray('mlops.argocd.instances') ?? []).map(
      c =>
        new ArgoCdClient(
          c.getString('name'),
          c.getString('baseUrl'),
          c.getString('token'),
        ),
    ),
    'Argo CD',
    'mlops.argocd.instances',
  );
}
