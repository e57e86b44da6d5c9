import { upstreamJson } from '../upstreamJson';
import { FeastApiError } from './FeastApiError';
import { FeastFeatureView, FeastPagination, FeastProject } from './feastTypes';

/**
 * One Feast registry under `mlops.feast.instances`: its name, REST registry server, credentials and projects.
 *
 * @public
 */
export type FeastClientOptions = {
  name: string;
  /** The REST registry server, e.g. `http://feast-registry.feast.svc:6572`; the API is under `/api/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when the registry has `auth` enabled (kubernetes or oidc). */
  bearerToken?: string;
  /** The projects to read; all the registry's projects when absent. */
  projects?: string[];
  timeoutMs?: number;
};

/** The registry's largest page (`limit` is validated 1–100). */
const PAGE_SIZE = 100;

/**
 * A typed client for Feast's REST registry server (`feast serve_registry --rest-api`, Feast ≥ 0.50,
 * api-contracts §5.5): camelCase `MessageToDict` JSON, `page`/`limit` paging answered with
 * `pagination.hasNext`, FastAPI `{detail}` errors mapped to {@link FeastApiError}.
 *
 * @remarks
 * Both shapes of a single view are read: `{type, spec, meta}` (current) and `{featureView: {spec, meta}}`
 * (releases before the `type` field).
 *
 * @public
 */
export class FeastClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: FeastClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The instance's configured name. */
  get instanceName() {
    return this.options.name;
  }

  /** The registry server's base URL as configured (no trailing slash). */
  get baseUrl() {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /** The configured projects, or every project the registry knows (`GET /projects`). */
  async projectNames(): Promise<string[]> {
    if (this.options.projects?.length) {
      return this.options.projects;
    }
    const projects = await this.listPaged<FeastProject>(
      'listProjects',
      '/projects',
      'projects',
    );
    return projects.map(p => p.spec.name);
  }

  /** Every feature view of a project (batch, stream and on-demand), across pages, by name. */
  listFeatureViews(project: string): Promise<FeastFeatureView[]> {
    return this.listPaged<FeastFeatureView>(
      'listFeatureViews',
      `/feature_views?${new URLSearchParams({
        project,
        sort_by: 'name',
        sort_order: 'asc',
      })}`,
      'featureViews',
    );
  }

  /** `GET /feature_views/{name}?project=`; a missing view is a {@link FeastApiError} with `isNotFound`. */
  async getFeatureView(
    project: string,
    name: string,
  ): Promise<FeastFeatureView> {
    const answer = await this.call<any>(
      'getFeatureView',
      `/feature_views/${encodeURIComponent(name)}?${new URLSearchParams({
        project,
      })}`,
    );
    if (answer?.spec) {
      return { type: answer.type ?? 'featureView', ...answer };
    }
    const older = answer?.featureView;
    if (older?.spec) {
      return { type: 'featureView', ...older };
    }
    throw new FeastApiError(
      this.options.name,
      'getFeatureView',
      200,
      `the answer holds no feature view '${name}'`,
    );
  }

  private async listPaged<T>(
    operation: string,
    path: string,
    key: string,
  ): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const answer = await this.call<Record<string, unknown>>(
        operation,
        `${path}${separator}page=${page}&limit=${PAGE_SIZE}`,
      );
      const pageItems = (answer[key] as T[] | undefined) ?? [];
      items.push(...pageItems);
      const pagination = (answer.pagination ?? {}) as FeastPagination &
        Record<string, unknown>;
      // The per-project lists answer camelCase; the cross-project `/all` lists answer snake_case.
      const hasNext = pagination.hasNext ?? pagination.has_next;
      if (!hasNext || pageItems.length === 0) {
        return items;
      }
    }
  }

  private call<T>(operation: string, path: string): Promise<T> {
    return upstreamJson<T>({
      url: `${this.baseUrl}/api/v1${path}`,
      method: 'GET',
      bearerToken: this.options.bearerToken,
      timeoutMs: this.timeoutMs,
      fail: ({ status, statusText, json, reason }) =>
        new FeastApiError(
          this.options.name,
          operation,
          status,
          reason ?? detailOf(json) ?? statusText ?? '',
        ),
    });
  }
}

/** FastAPI's `detail`: a message, or a 422's list of `{loc, msg}`. */
function detailOf(json: any): string | undefined {
  const detail = json?.detail;
  if (typeof detail === 'string') {
    return detail;
  }
  if (Array.isArray(detail)) {
    return detail
      .map(d => `${(d?.loc ?? []).join('.')}: ${d?.msg ?? 'invalid'}`)
      .join('; ');
  }
  return undefined;
}
