import { NotImplementedError } from '@backstage/errors';
import {
  MlflowFileInfo,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
} from './mlflowTypes';
import { fetchUpstream } from '@mlops-portal/plugin-mlops-node';
import { MlflowApiError } from './MlflowApiError';

/** The scheme of run artifact roots the tracking server proxies (`mlflow server --serve-artifacts`, the default). */
const PROXIED_ARTIFACTS = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/;

/** A relative artifact path without empty, `.` or `..` segments, each segment URL-encoded. */
function safeArtifactPath(path: string): string {
  const segments = path.split('/').filter(Boolean);
  if (segments.some(s => s === '.' || s === '..')) {
    throw new Error(`'${path}' is not a relative artifact path`);
  }
  return segments.map(encodeURIComponent).join('/');
}

/**
 * How the client reaches one MLflow instance; built from app-config by `MlflowClients`.
 *
 * @public
 */
export type MlflowClientOptions = {
  name: string;
  baseUrl: string;
  auth?:
    | { type: 'basic'; username: string; password: string }
    | { type: 'bearer'; token: string };
  timeoutMs?: number;
  maxAttempts?: number;
  /** Milliseconds before the first retry; doubles each time. */
  retryBaseDelayMs?: number;
};

/**
 * A typed client for the parts of the MLflow REST API 2.0 the portal uses (shared/reference/api-contracts.md §1):
 * GET parameters in the query string, JSON bodies on POST and DELETE, `next_page_token` paging, per-request
 * timeouts, and bounded retries with exponential backoff on 429, 5xx and network errors only.
 *
 * @public
 */
export class MlflowClient {
  private readonly apiBase: string;
  private readonly artifactsBase: string;
  private readonly authorization?: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseDelayMs: number;

  constructor(private readonly options: MlflowClientOptions) {
    this.apiBase = `${options.baseUrl.replace(/\/+$/, '')}/api/2.0/mlflow`;
    this.artifactsBase = `${options.baseUrl.replace(
      /\/+$/,
      '',
    )}/api/2.0/mlflow-artifacts/artifacts`;
    const auth = options.auth;
    if (auth?.type === 'basic') {
      this.authorization = `Basic ${Buffer.from(
        `${auth.username}:${auth.password}`,
      ).toString('base64')}`;
    } else if (auth?.type === 'bearer') {
      this.authorization = `Bearer ${auth.token}`;
    }
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 200;
  }

  /** The instance's configured name. */
  get instanceName(): string {
    return this.options.name;
  }

  /** `registered-models/get`: the registered model of this name, with its tags and aliases. */
  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    const body = await this.get<{ registered_model: MlflowRegisteredModel }>(
      'registered-models/get',
      { name },
    );
    return body.registered_model;
  }

  /** `registered-models/create`; a taken name fails with `RESOURCE_ALREADY_EXISTS` (400). */
  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {},
  ): Promise<MlflowRegisteredModel> {
    const body = await this.send<{ registered_model: MlflowRegisteredModel }>(
      'POST',
      'registered-models/create',
      {
        name,
        ...(options.description ? { description: options.description } : {}),
        tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({
          key,
          value,
        })),
      },
    );
    return body.registered_model;
  }

  /** Every registered model matching `filter` (e.g. `name LIKE 'fraud%'`), across all pages. */
  async searchRegisteredModels(
    filter?: string,
  ): Promise<MlflowRegisteredModel[]> {
    return this.collectPages(async pageToken => {
      const body = await this.get<{
        registered_models?: MlflowRegisteredModel[];
        next_page_token?: string;
      }>('registered-models/search', {
        filter,
        max_results: '1000',
        page_token: pageToken,
      });
      return {
        items: body.registered_models ?? [],
        next: body.next_page_token,
      };
    });
  }

  /** `model-versions/get`: one version of a registered model, with its aliases. */
  async getModelVersion(
    name: string,
    version: string,
  ): Promise<MlflowModelVersion> {
    const body = await this.get<{ model_version: MlflowModelVersion }>(
      'model-versions/get',
      { name, version },
    );
    return body.model_version;
  }

  /** Every version of a registered model, across all pages. Search results carry no aliases. */
  async searchModelVersions(
    name: string,
    pageSize = 1000,
  ): Promise<MlflowModelVersion[]> {
    return this.collectPages(async pageToken => {
      const body = await this.get<{
        model_versions?: MlflowModelVersion[];
        next_page_token?: string;
      }>('model-versions/search', {
        filter: `name = '${name.replace(/'/g, "\\'")}'`,
        max_results: String(pageSize),
        page_token: pageToken,
      });
      return { items: body.model_versions ?? [], next: body.next_page_token };
    });
  }

  /** `runs/get`: a tracking run with its info and latest metrics. */
  async getRun(runId: string): Promise<MlflowRun> {
    const body = await this.get<{ run: MlflowRun }>('runs/get', {
      run_id: runId,
    });
    return body.run;
  }

  /**
   * `runs/search` (POST): every run of `experimentIds` matching `filter` (MLflow's search grammar, e.g.
   * `attributes.run_id IN ('a', 'b')`), across all pages of `maxResults` (MLflow's default 1000, at most 50000).
   * Runs come with their info and latest metrics, as from `runs/get`. Without experiment ids MLflow finds nothing.
   */
  async searchRuns(request: {
    experimentIds: string[];
    filter?: string;
    runViewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
    maxResults?: number;
  }): Promise<MlflowRun[]> {
    return this.collectPages(async pageToken => {
      const body = await this.send<{
        runs?: MlflowRun[];
        next_page_token?: string;
      }>('POST', 'runs/search', {
        experiment_ids: request.experimentIds,
        ...(request.filter ? { filter: request.filter } : {}),
        ...(request.runViewType ? { run_view_type: request.runViewType } : {}),
        max_results: request.maxResults ?? 1000,
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      return { items: body.runs ?? [], next: body.next_page_token };
    });
  }

  /**
   * `artifacts/list`: the files and folders directly under `path` of a run's artifact root, across all pages. A
   * path the run does not have lists nothing (MLflow omits `files`).
   */
  async listArtifacts(runId: string, path?: string): Promise<MlflowFileInfo[]> {
    return this.collectPages(async pageToken => {
      const body = await this.get<{
        files?: MlflowFileInfo[];
        next_page_token?: string;
      }>('artifacts/list', { run_id: runId, path, page_token: pageToken });
      return { items: body.files ?? [], next: body.next_page_token };
    });
  }

  /**
   * The text of one artifact file of a run whose artifact root is `artifactRoot` (its `info.artifact_uri`),
   * downloaded through the tracking server's artifact proxy: `GET /api/2.0/mlflow-artifacts/artifacts/<path>`
   * (MLflow ≥ 2.0, `mlflow_artifacts.proto`), where `<path>` is the root below the `mlflow-artifacts:` scheme
   * followed by `path`. Only this configured instance is called, whatever host the URI names. A root in another
   * store (`s3://`, `gs://`, `dbfs:/`, a local folder) is not read: a `NotImplementedError` says so.
   */
  async downloadArtifact(artifactRoot: string, path: string): Promise<string> {
    const proxied = PROXIED_ARTIFACTS.exec(artifactRoot);
    if (!proxied) {
      throw new NotImplementedError(
        `MLflow instance '${this.options.name}' keeps this run's artifacts at ${
          artifactRoot.split(':')[0]
        }:, not behind its artifact proxy (mlflow-artifacts:); the portal reads artifacts only through the proxy (mlflow server --serve-artifacts)`,
      );
    }
    const relative = [proxied[1], path]
      .map(safeArtifactPath)
      .filter(Boolean)
      .join('/');
    return this.request<string>(
      'GET',
      relative,
      undefined,
      'mlflow-artifacts/artifacts',
      { base: this.artifactsBase, parse: 'text' },
    );
  }

  /** Points an alias at a version; an existing alias is overwritten. */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.send('POST', 'registered-models/alias', {
      name,
      alias,
      version,
    });
  }

  /** Removes an alias; succeeds when it does not exist. */
  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.send('DELETE', 'registered-models/alias', { name, alias });
  }

  private async collectPages<T>(
    fetchPage: (pageToken?: string) => Promise<{ items: T[]; next?: string }>,
  ): Promise<T[]> {
    const all: T[] = [];
    let pageToken: string | undefined;
    do {
      const { items, next } = await fetchPage(pageToken);
      all.push(...items);
      pageToken = next;
    } while (pageToken);
    return all;
  }

  private get<T>(
    path: string,
    params: Record<string, string | undefined>,
  ): Promise<T> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) {
        query.set(key, value);
      }
    }
    return this.request<T>('GET', `${path}?${query}`, undefined, path);
  }

  private send<T>(
    method: 'POST' | 'DELETE' | 'PATCH',
    path: string,
    body: unknown,
  ): Promise<T> {
    return this.request<T>(method, path, body, path);
  }

  private async request<T>(
    method: string,
    pathAndQuery: string,
    body: unknown,
    operation: string,
    answer: { base: string; parse: 'json' | 'text' } = {
      base: this.apiBase,
      parse: 'json',
    },
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        await new Promise(resolve =>
          setTimeout(resolve, this.retryBaseDelayMs * 2 ** (attempt - 2)),
        );
      }
      try {
        return await this.attempt<T>(
          method,
          pathAndQuery,
          body,
          operation,
          answer,
        );
      } catch (error) {
        const retryable = error instanceof MlflowApiError && error.isRetryable;
        if (!retryable || attempt >= this.maxAttempts) {
          throw error;
        }
      }
    }
  }

  private async attempt<T>(
    method: string,
    pathAndQuery: string,
    body: unknown,
    operation: string,
    answer: { base: string; parse: 'json' | 'text' },
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: answer.parse === 'json' ? 'application/json' : '*/*',
    };
    if (this.authorization) {
      headers.Authorization = this.authorization;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetchUpstream(
        `${answer.base}/${pathAndQuery}`,
        {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        this.timeoutMs,
      );
    } catch (error) {
      throw new MlflowApiError(
        this.options.name,
        operation,
        undefined,
        undefined,
        (error as Error).message,
      );
    }
    const text = await response.text();
    if (response.ok) {
      if (answer.parse === 'text') {
        return text as T;
      }
      return (text ? JSON.parse(text) : {}) as T;
    }
    let errorCode: string | undefined;
    let message = response.statusText;
    try {
      const parsed = JSON.parse(text);
      errorCode =
        typeof parsed.error_code === 'string' ? parsed.error_code : undefined;
      message = typeof parsed.message === 'string' ? parsed.message : message;
    } catch {
      // Not JSON: an HTML page from MLflow's router or a proxy. The status is all we can trust.
    }
    throw new MlflowApiError(
      this.options.name,
      operation,
      response.status,
      errorCode,
      message,
    );
  }
}
