import { upstreamJson } from '@mlops-portal/plugin-mlops-node';
import { KubeflowModelRegistryApiError } from './KubeflowModelRegistryApiError';
import {
  ModelRegistryList,
  ModelRegistryModelArtifact,
  ModelRegistryModelVersion,
  ModelRegistryRegisteredModel,
  ModelRegistryRegisteredModelCreate,
  ModelRegistryRegisteredModelUpdate,
} from './modelRegistryTypes';

/**
 * The REST API's path below the server's base URL.
 *
 * @public
 */
export const MODEL_REGISTRY_API_PATH = '/api/model_registry/v1alpha3';

/**
 * How the client reaches one Kubeflow Model Registry; built from app-config by `KubeflowModelRegistryClients`.
 *
 * @public
 */
export type KubeflowModelRegistryClientOptions = {
  name: string;
  /** The server's URL, without `/api/model_registry/v1alpha3`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; omit for a registry without authentication. */
  token?: string;
  timeoutMs?: number;
  /** Attempts per GET or PATCH when the registry answers 429 or 5xx, or cannot be reached. */
  maxAttempts?: number;
  /** Milliseconds before the first retry; doubles each time. */
  retryBaseDelayMs?: number;
  /** `pageSize` of list calls. Defaults to 100. */
  pageSize?: number;
};

/**
 * A typed client for the parts of the Kubeflow Model Registry REST API (`/api/model_registry/v1alpha3`) the portal
 * uses: registered models (found by name, listed, created, patched), their versions and the versions' model
 * artifacts. Lists are read across all pages (`pageSize`, `orderBy=ID`, `sortOrder=ASC`, `nextPageToken` until
 * it comes back empty); every request has a timeout; GETs and PATCHes are retried with exponential backoff on
 * 429, 5xx and network errors (a PATCH sends a whole value, so repeating it is harmless), a POST never is.
 *
 * @public
 */
export class KubeflowModelRegistryClient {
  private readonly apiBase: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseDelayMs: number;
  private readonly pageSize: number;

  constructor(private readonly options: KubeflowModelRegistryClientOptions) {
    this.apiBase = `${options.baseUrl.replace(
      /\/+$/,
      '',
    )}${MODEL_REGISTRY_API_PATH}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 200;
    this.pageSize = options.pageSize ?? 100;
  }

  /** The instance's configured name. */
  get instanceName(): string {
    return this.options.name;
  }

  /** `findRegisteredModel` (`GET /registered_model?name=…`): the registered model of this name; a 404 when none. */
  findRegisteredModel(name: string): Promise<ModelRegistryRegisteredModel> {
    return this.get('findRegisteredModel', '/registered_model', { name });
  }

  /** `getRegisteredModel` (`GET /registered_models/{id}`). */
  getRegisteredModel(id: string): Promise<ModelRegistryRegisteredModel> {
    return this.get(
      'getRegisteredModel',
      `/registered_models/${encodeURIComponent(id)}`,
    );
  }

  /** `getRegisteredModels`: every registered model of the instance, across all pages. */
  listRegisteredModels(): Promise<ModelRegistryRegisteredModel[]> {
    return this.collectPages('getRegisteredModels', '/registered_models');
  }

  /** `createRegisteredModel` (`POST /registered_models`); a taken name is a 409 from the registry. */
  createRegisteredModel(
    model: ModelRegistryRegisteredModelCreate,
  ): Promise<ModelRegistryRegisteredModel> {
    return this.request('createRegisteredModel', 'POST', '/registered_models', {
      body: model,
    });
  }

  /**
   * `updateRegisteredModel` (`PATCH /registered_models/{id}`): changes the fields `update` has. Its
   * `customProperties`, when present, is the model's whole new map.
   */
  updateRegisteredModel(
    id: string,
    update: ModelRegistryRegisteredModelUpdate,
  ): Promise<ModelRegistryRegisteredModel> {
    return this.request(
      'updateRegisteredModel',
      'PATCH',
      `/registered_models/${encodeURIComponent(id)}`,
      { body: update },
    );
  }

  /** `getRegisteredModelVersions`: every version of the registered model with this id, across all pages. */
  listModelVersions(
    registeredModelId: string,
  ): Promise<ModelRegistryModelVersion[]> {
    return this.collectPages(
      'getRegisteredModelVersions',
      `/registered_models/${encodeURIComponent(registeredModelId)}/versions`,
    );
  }

  /** `getModelVersion` (`GET /model_versions/{id}`). */
  getModelVersion(id: string): Promise<ModelRegistryModelVersion> {
    return this.get(
      'getModelVersion',
      `/model_versions/${encodeURIComponent(id)}`,
    );
  }

  /** `getModelVersionArtifacts` with `artifactType=model-artifact`: the version's model artifacts, all pages. */
  listModelArtifacts(
    modelVersionId: string,
  ): Promise<ModelRegistryModelArtifact[]> {
    return this.collectPages(
      'getModelVersionArtifacts',
      `/model_versions/${encodeURIComponent(modelVersionId)}/artifacts`,
      { artifactType: 'model-artifact' },
    );
  }

  private async collectPages<T>(
    operation: string,
    path: string,
    query: Record<string, string> = {},
  ): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<string>();
    let pageToken = '';
    do {
      const page = await this.get<ModelRegistryList<T>>(operation, path, {
        ...query,
        pageSize: String(this.pageSize),
        orderBy: 'ID',
        sortOrder: 'ASC',
        ...(pageToken ? { nextPageToken: pageToken } : {}),
      });
      const items = page.items ?? [];
      all.push(...items);
      pageToken = page.nextPageToken ?? '';
      // A server that hands out the same token again (or a token with an empty page) would loop forever.
      if (items.length === 0 || seen.has(pageToken)) {
        break;
      }
      seen.add(pageToken);
    } while (pageToken);
    return all;
  }

  private get<T>(
    operation: string,
    path: string,
    query: Record<string, string> = {},
  ): Promise<T> {
    return this.request(operation, 'GET', path, { query });
  }

  private async request<T>(
    operation: string,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { query?: Record<string, string>; body?: unknown },
  ): Promise<T> {
    const query = new URLSearchParams(options.query ?? {}).toString();
    const url = `${this.apiBase}${path}${query ? `?${query}` : ''}`;
    const attempts = method === 'POST' ? 1 : this.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        await new Promise(resolve =>
          setTimeout(resolve, this.retryBaseDelayMs * 2 ** (attempt - 2)),
        );
      }
      try {
        return await this.attempt<T>(operation, method, url, options.body);
      } catch (error) {
        const retryable =
          error instanceof KubeflowModelRegistryApiError && error.isRetryable;
        if (!retryable || attempt >= attempts) {
          throw error;
        }
      }
    }
  }

  private attempt<T>(
    operation: string,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body: unknown,
  ): Promise<T> {
    return upstreamJson<T>({
      url,
      method,
      body,
      bearerToken: this.options.token,
      timeoutMs: this.timeoutMs,
      // An answer that is not JSON (an HTML page from a proxy in front of the registry) leaves only its status.
      fail: ({ status, statusText, json, reason }) =>
        new KubeflowModelRegistryApiError(
          this.options.name,
          operation,
          status,
          typeof json?.code === 'string' && json.code ? json.code : undefined,
          reason ??
            (typeof json?.message === 'string' ? json.message : statusText) ??
            '',
        ),
    });
  }
}
