import { upstreamJson } from '../upstreamJson';
import { KubeflowApiError } from './KubeflowApiError';
import {
  KfpExperiment,
  KfpPipeline,
  KfpPipelineVersion,
  KfpRecurringRun,
  KfpRun,
  KfpRunRequest,
} from './kubeflowTypes';

/**
 * One Kubeflow Pipelines instance under `mlops.kubeflow.instances`: its name, API server and credentials.
 *
 * @public
 */
export type KubeflowClientOptions = {
  name: string;
  /** The API server, e.g. `http://ml-pipeline.kubeflow.svc.cluster.local:8888`; the API is under `/apis/v2beta1`. */
  baseUrl: string;
  /** A ServiceAccount token with audience `pipelines.kubeflow.org` (multi-user Kubeflow). */
  bearerToken?: string;
  /** The profile namespace runs and private pipelines live in (multi-user Kubeflow). */
  namespace?: string;
  timeoutMs?: number;
};

/**
 * A typed client for the Kubeflow Pipelines v2beta1 REST API (api-contracts §3): snake_case JSON, `page_token` /
 * `next_page_token` paging, `google.rpc.Status` errors mapped to {@link KubeflowApiError}. It authenticates with
 * a bearer token and never sends a `kubeflow-userid` header (Kubeflow's Istio policy refuses direct callers that
 * do).
 *
 * @public
 */
export class KubeflowClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: KubeflowClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The API server's base URL as configured (no trailing slash). */
  get baseUrl() {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /** The instance's configured name. */
  get instanceName() {
    return this.options.name;
  }

  /** The configured profile namespace, if any. */
  get namespace() {
    return this.options.namespace;
  }

  /** `GET /pipelines/names/{name}`, in the configured namespace (shared pipelines have none). */
  getPipelineByName(name: string): Promise<KfpPipeline> {
    const query = this.options.namespace
      ? `?${new URLSearchParams({ namespace: this.options.namespace })}`
      : '';
    return this.call(
      'getPipelineByName',
      'GET',
      `/pipelines/names/${encodeURIComponent(name)}${query}`,
    );
  }

  /** `GET /pipelines` across every page, in the configured namespace (shared pipelines when none). */
  async listPipelines(): Promise<KfpPipeline[]> {
    const pipelines: KfpPipeline[] = [];
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({ page_size: '200' });
      if (this.options.namespace)
        query.set('namespace', this.options.namespace);
      if (pageToken) query.set('page_token', pageToken);
      const page = await this.call<{
        pipelines?: KfpPipeline[];
        next_page_token?: string;
      }>('listPipelines', 'GET', `/pipelines?${query}`);
      pipelines.push(...(page.pipelines ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return pipelines;
  }

  /** The newest version of a pipeline, with its compiled spec (`GET /pipelines/{id}/versions`, newest first). */
  async getLatestPipelineVersion(
    pipelineId: string,
  ): Promise<KfpPipelineVersion | undefined> {
    const query = new URLSearchParams({
      page_size: '1',
      sort_by: 'created_at desc',
    });
    const page = await this.call<{ pipeline_versions?: KfpPipelineVersion[] }>(
      'listPipelineVersions',
      'GET',
      `/pipelines/${encodeURIComponent(pipelineId)}/versions?${query}`,
    );
    const latest = page.pipeline_versions?.[0];
    if (!latest || latest.pipeline_spec) {
      return latest;
    }
    return this.getPipelineVersion(pipelineId, latest.pipeline_version_id);
  }

  /** `GET /pipelines/{id}/versions/{version_id}`: one version with its compiled spec. */
  getPipelineVersion(
    pipelineId: string,
    versionId: string,
  ): Promise<KfpPipelineVersion> {
    return this.call(
      'getPipelineVersion',
      'GET',
      `/pipelines/${encodeURIComponent(
        pipelineId,
      )}/versions/${encodeURIComponent(versionId)}`,
    );
  }

  /** `GET /recurringruns` in the configured namespace (the list key is camelCase `recurringRuns`). */
  async listRecurringRuns(): Promise<KfpRecurringRun[]> {
    const runs: KfpRecurringRun[] = [];
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({ page_size: '100' });
      if (this.options.namespace)
        query.set('namespace', this.options.namespace);
      if (pageToken) query.set('page_token', pageToken);
      const page = await this.call<{
        recurringRuns?: KfpRecurringRun[];
        next_page_token?: string;
      }>('listRecurringRuns', 'GET', `/recurringruns?${query}`);
      runs.push(...(page.recurringRuns ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return runs;
  }

  /** `GET /experiments` filtered by display name, in the configured namespace. */
  async findExperiment(
    displayName: string,
  ): Promise<KfpExperiment | undefined> {
    const query = new URLSearchParams({
      page_size: '1',
      filter: JSON.stringify({
        predicates: [
          {
            key: 'display_name',
            operation: 'EQUALS',
            string_value: displayName,
          },
        ],
      }),
    });
    if (this.options.namespace) query.set('namespace', this.options.namespace);
    const page = await this.call<{ experiments?: KfpExperiment[] }>(
      'listExperiments',
      'GET',
      `/experiments?${query}`,
    );
    return page.experiments?.[0];
  }

  /** The experiment with this display name, created (`POST /experiments`) when there is none yet. */
  async ensureExperiment(displayName: string): Promise<KfpExperiment> {
    return (
      (await this.findExperiment(displayName)) ??
      this.call<KfpExperiment>('createExperiment', 'POST', '/experiments', {
        display_name: displayName,
        ...(this.options.namespace
          ? { namespace: this.options.namespace }
          : {}),
      })
    );
  }

  /** `POST /runs`. */
  createRun(run: KfpRunRequest): Promise<KfpRun> {
    return this.call('createRun', 'POST', '/runs', run);
  }

  /** `GET /runs/{run_id}`. */
  getRun(runId: string): Promise<KfpRun> {
    return this.call('getRun', 'GET', `/runs/${encodeURIComponent(runId)}`);
  }

  /** `GET /runs` across every page, newest first, optionally narrowed by a KFP filter. */
  async listRuns(
    options: {
      experimentId?: string;
      filter?: object;
      max?: number;
    } = {},
  ): Promise<KfpRun[]> {
    const runs: KfpRun[] = [];
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({
        page_size: '100',
        sort_by: 'created_at desc',
      });
      if (this.options.namespace)
        query.set('namespace', this.options.namespace);
      if (options.experimentId)
        query.set('experiment_id', options.experimentId);
      if (options.filter) query.set('filter', JSON.stringify(options.filter));
      if (pageToken) query.set('page_token', pageToken);
      const page = await this.call<{
        runs?: KfpRun[];
        next_page_token?: string;
      }>('listRuns', 'GET', `/runs?${query}`);
      runs.push(...(page.runs ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken && runs.length < (options.max ?? Infinity));
    return options.max ? runs.slice(0, options.max) : runs;
  }

  private call<T>(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    return upstreamJson<T>({
      url: `${this.baseUrl}/apis/v2beta1${path}`,
      method,
      body,
      bearerToken: this.options.bearerToken,
      timeoutMs: this.timeoutMs,
      fail: ({ status, statusText, json, reason }) =>
        new KubeflowApiError(
          this.options.name,
          operation,
          status,
          typeof json?.code === 'number' ? json.code : undefined,
          reason ?? json?.message ?? json?.error_message ?? statusText ?? '',
        ),
    });
  }
}
