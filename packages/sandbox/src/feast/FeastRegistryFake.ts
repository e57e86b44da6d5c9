/*
 * DEMO STAND-IN / TEST DOUBLE: the part of Feast's REST registry server (`feast serve_registry --rest-api`,
 * `/api/v1`, api-contracts §5.5) the portal reads, in its wire format: protobuf `MessageToDict` JSON (camelCase,
 * zero/false/empty fields left out), `page`/`limit` paging with a camelCase `pagination` block, FastAPI errors
 * (`{detail}`; a 422 carries the list of invalid query parameters). Materialization intervals are kept as ages,
 * so the demo's views stay as fresh (or as stale) as they were seeded.
 */

export type FeastViewSeed = {
  type: 'featureView' | 'streamFeatureView' | 'onDemandFeatureView';
  name: string;
  description?: string;
  owner?: string;
  tags?: Record<string, string>;
  entities: string[];
  /** Join keys with their value types. */
  entityColumns?: Array<{ name: string; valueType: string }>;
  features: Array<{ name: string; valueType: string; description?: string }>;
  ttlSeconds?: number;
  batchSource?: { name: string; type: string; timestampField?: string };
  streamSource?: { name: string; type: string };
  online?: boolean;
  offline?: boolean;
  /** How long ago each materialization interval ended, oldest first (each one covered a day). */
  materializedAgoMs?: number[];
};

type StoredView = FeastViewSeed & { createdAt: number; updatedAt: number };

export type FeastFakeResponse = { status: number; body: unknown };

export class FeastRegistryFake {
  private readonly projects = new Map<string, Map<string, StoredView>>();

  constructor(private readonly now: () => number = Date.now) {}

  addProject(name: string) {
    if (!this.projects.has(name)) this.projects.set(name, new Map());
  }

  /** Adds or replaces a view (`feast apply`). */
  applyFeatureView(project: string, seed: FeastViewSeed) {
    this.addProject(project);
    const views = this.projects.get(project)!;
    const existing = views.get(seed.name);
    views.set(seed.name, {
      ...seed,
      createdAt: existing?.createdAt ?? this.now() - 30 * 86_400_000,
      updatedAt: this.now(),
    });
  }

  deleteFeatureView(project: string, name: string) {
    this.projects.get(project)?.delete(name);
  }

  /** Records a materialization that ended now (`feast materialize-incremental`). */
  materialize(project: string, name: string) {
    const view = this.projects.get(project)?.get(name);
    if (view) {
      view.materializedAgoMs = [...(view.materializedAgoMs ?? []), 0];
    }
  }

  handle(path: string, query: URLSearchParams): FeastFakeResponse {
    if (path === '/projects') {
      const items = [...this.projects.keys()].sort().map(name => ({
        spec: { name },
        meta: { createdTimestamp: new Date(this.now()).toISOString() },
      }));
      return this.page('projects', items, query);
    }
    if (path === '/feature_views') {
      const views = this.viewsOf(query);
      if ('status' in views) return views;
      let items = [...views.values()].map(v =>
        this.wire(v, query.get('project')!),
      );
      const sortBy = query.get('sort_by');
      if (sortBy === 'name') {
        items = items.sort((a, b) => a.spec.name.localeCompare(b.spec.name));
        if (query.get('sort_order') === 'desc') items.reverse();
      }
      return this.page('featureViews', items, query);
    }
    const single = /^\/feature_views\/([^/]+)$/.exec(path);
    if (single && single[1] !== 'all') {
      const views = this.viewsOf(query);
      if ('status' in views) return views;
      const name = decodeURIComponent(single[1]);
      const view = views.get(name);
      if (!view) {
        return {
          status: 404,
          body: {
            detail: `Feature view ${name} does not exist in project ${query.get(
              'project',
            )}`,
          },
        };
      }
      return { status: 200, body: this.wire(view, query.get('project')!) };
    }
    return { status: 404, body: { detail: 'Not Found' } };
  }

  private viewsOf(
    query: URLSearchParams,
  ): Map<string, StoredView> | FeastFakeResponse {
    const project = query.get('project');
    if (!project) {
      return invalidQuery('project', 'Field required', 'missing');
    }
    // The registry answers an unknown project with an empty list, as Feast does.
    return this.projects.get(project) ?? new Map();
  }

  private page(
    key: string,
    items: unknown[],
    query: URLSearchParams,
  ): FeastFakeResponse {
    const pageParam = query.get('page');
    const limitParam = query.get('limit');
    const page = pageParam === null ? 0 : Number(pageParam);
    const limit = limitParam === null ? 0 : Number(limitParam);
    if (pageParam !== null && !(Number.isInteger(page) && page >= 1)) {
      return invalidQuery(
        'page',
        'Input should be greater than or equal to 1',
        'greater_than_equal',
      );
    }
    if (
      limitParam !== null &&
      !(Number.isInteger(limit) && limit >= 1 && limit <= 100)
    ) {
      return invalidQuery(
        'limit',
        'Input should be less than or equal to 100',
        'less_than_equal',
      );
    }
    if (!page || !limit) {
      return { status: 200, body: { [key]: items, pagination: {} } };
    }
    const start = (page - 1) * limit;
    const totalPages = Math.ceil(items.length / limit);
    const pagination = omitEmpty({
      page,
      limit,
      totalCount: items.length,
      totalPages,
      hasNext: start + limit < items.length,
      hasPrevious: start > 0,
    });
    return {
      status: 200,
      body: omitEmpty({
        [key]: items.slice(start, start + limit),
        pagination,
      }),
    };
  }

  private wire(view: StoredView, project: string) {
    const now = this.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const spec = omitEmpty({
      name: view.name,
      project,
      entities: view.entities,
      features: view.features.map(f => omitEmpty({ ...f })),
      entityColumns: view.entityColumns,
      description: view.description,
      tags: view.tags,
      owner: view.owner,
      ttl: view.ttlSeconds ? `${view.ttlSeconds}s` : undefined,
      batchSource: view.batchSource
        ? omitEmpty({
            ...view.batchSource,
            dataSourceClassType: sourceClass(view.batchSource.type),
          })
        : undefined,
      streamSource: view.streamSource
        ? omitEmpty({
            ...view.streamSource,
            dataSourceClassType: sourceClass(view.streamSource.type),
          })
        : undefined,
      online: view.online,
      offline: view.offline,
    });
    const meta = omitEmpty({
      createdTimestamp: iso(view.createdAt),
      lastUpdatedTimestamp: iso(view.updatedAt),
      materializationIntervals: (view.materializedAgoMs ?? []).map(ago => ({
        startTime: iso(now - ago - 86_400_000),
        endTime: iso(now - ago),
      })),
    });
    return { type: view.type, spec, meta } as {
      type: string;
      spec: { name: string };
      meta: unknown;
    };
  }
}

function sourceClass(type: string): string {
  const classes: Record<string, string> = {
    BATCH_FILE: 'feast.infra.offline_stores.file_source.FileSource',
    BATCH_BIGQUERY: 'feast.infra.offline_stores.bigquery_source.BigQuerySource',
    STREAM_KAFKA: 'feast.data_source.KafkaSource',
    PUSH_SOURCE: 'feast.data_source.PushSource',
    REQUEST_SOURCE: 'feast.data_source.RequestSource',
  };
  return classes[type] ?? 'feast.data_source.DataSource';
}

/** `MessageToDict` leaves out fields holding their default: 0, false, '', empty lists and maps. */
function omitEmpty<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, v]) =>
        v !== undefined &&
        v !== 0 &&
        v !== false &&
        v !== '' &&
        !(Array.isArray(v) && v.length === 0) &&
        !(
          v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          Object.keys(v).length === 0
        ),
    ),
  ) as T;
}

function invalidQuery(
  param: string,
  msg: string,
  type: string,
): FeastFakeResponse {
  return {
    status: 422,
    body: { detail: [{ type, loc: ['query', param], msg, input: null }] },
  };
}
