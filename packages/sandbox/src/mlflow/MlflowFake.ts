/*
 * DEMO STAND-IN / TEST DOUBLE: an in-memory MLflow model registry and run store that answers the REST API 2.0
 * (`/api/2.0/mlflow/...`) with MLflow's wire format, as written down in shared/reference/api-contracts.md §1:
 * snake_case fields, int64 timestamps as JSON numbers, string versions, empty fields omitted, `next_page_token`
 * paging, `{error_code, message}` errors with MLflow's HTTP statuses (RESOURCE_ALREADY_EXISTS is 400), JSON
 * bodies required on POST/PATCH/DELETE, and an HTML 404 for unknown routes. The sandbox serves it over HTTP and
 * the backend's tests serve it through msw, so both exercise the same behaviour.
 */

import {
  json,
  MlflowError,
  omitEmpty,
  paginate,
  registeredModelJson,
  required,
  runJson,
  StoredModel,
  StoredRun,
  StoredVersion,
  versionJson,
} from './mlflowWireFormat';

/**
 * A request as the fake sees it: method, path below `/api/2.0/mlflow` (for the artifact proxy, its path below
 * `/api/2.0`, i.e. `/mlflow-artifacts/artifacts/…`), query and raw body.
 */
export type MlflowFakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType?: string;
  body?: string;
};

export type MlflowFakeResponse = {
  status: number;
  contentType: 'application/json' | 'text/html' | 'application/octet-stream';
  body: string;
};

export type VersionSeed = {
  metrics: Record<string, number>;
  createdAt: number;
  userId?: string;
  description?: string;
  params?: Record<string, string>;
  /** Model version tags, e.g. `kfp_run_id` naming the Kubeflow run that registered it. */
  tags?: Record<string, string>;
  /** Files the training run logged, by path below its artifact root (e.g. `drift/reference.json`). */
  artifacts?: Record<string, string>;
};

/** Where the fake's runs keep their artifacts: below the proxy's `mlflow-artifacts:` scheme, as `mlflow server` does. */
const artifactRootOf = (runId: string) => `1/${runId}/artifacts`;

const RESERVED_ALIAS = /^(latest|v\d+)$/i;

export class MlflowFake {
  private readonly models = new Map<string, StoredModel>();
  private readonly runs = new Map<string, StoredRun>();
  /** run id → artifact path → content. */
  private readonly artifacts = new Map<string, Map<string, string>>();
  private runCounter = 0;
  /** Every request the fake answered, newest last: lets tests assert what a client sent. */
  readonly requests: MlflowFakeRequest[] = [];
  private static readonly MAX_RECORDED_REQUESTS = 200;
  /** How many requests the fake has answered in all (the list above keeps only the latest). */
  requestCount = 0;

  createRegisteredModel(
    name: string,
    options: {
      description?: string;
      tags?: Record<string, string>;
      createdAt?: number;
    } = {},
  ) {
    const now = options.createdAt ?? Date.now();
    this.models.set(name, {
      name,
      creation_timestamp: now,
      last_updated_timestamp: now,
      description: options.description,
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({
        key,
        value,
      })),
      versions: [],
      aliases: new Map(),
    });
  }

  /** Logs a finished run with the metrics and registers it as the next version; returns the version. */
  addVersion(name: string, seed: VersionSeed): string {
    const model = this.mustGetModel(name);
    this.runCounter += 1;
    const runId = `${this.runCounter
      .toString(16)
      .padStart(8, '0')}${'a1b2c3d4e5f60718293a4b5c'}`;
    this.runs.set(runId, {
      run_id: runId,
      run_name: `${name}-train-${this.runCounter}`,
      experiment_id: '1',
      status: 'FINISHED',
      start_time: seed.createdAt - 45 * 60_000,
      end_time: seed.createdAt - 60_000,
      metrics: Object.entries(seed.metrics).map(([key, value]) => ({
        key,
        value,
        timestamp: seed.createdAt - 60_000,
        step: 0,
      })),
      params: Object.entries(seed.params ?? {}).map(([key, value]) => ({
        key,
        value,
      })),
      tags: [{ key: 'mlflow.user', value: seed.userId ?? 'kfp-pipeline' }],
    });
    for (const [path, content] of Object.entries(seed.artifacts ?? {})) {
      this.logArtifact(runId, path, content);
    }
    const version = String(model.versions.length + 1);
    model.versions.push({
      version,
      creation_timestamp: seed.createdAt,
      last_updated_timestamp: seed.createdAt,
      user_id: seed.userId,
      description: seed.description,
      source: `mlflow-artifacts:/1/${runId}/artifacts/model`,
      run_id: runId,
      status: 'READY',
      tags: Object.entries(seed.tags ?? {}).map(([key, value]) => ({
        key,
        value,
      })),
    });
    model.last_updated_timestamp = Math.max(
      model.last_updated_timestamp,
      seed.createdAt,
    );
    return version;
  }

  /** Stores a file as logged by a run (`mlflow.log_dict`, `log_artifact`), at `path` below its artifact root. */
  logArtifact(runId: string, path: string, content: string) {
    if (!this.runs.has(runId)) {
      throw new Error(`No run ${runId}`);
    }
    const files = this.artifacts.get(runId) ?? new Map<string, string>();
    files.set(path.replace(/^\/+/, ''), content);
    this.artifacts.set(runId, files);
  }

  /** The training run of a version, for tests that log artifacts to it. */
  runIdOf(name: string, version: string): string {
    return this.mustGetVersion(this.mustGetModel(name), version).run_id!;
  }

  /**
   * Answers the artifact proxy's download, `GET /api/2.0/mlflow-artifacts/artifacts/<artifactPath>`:
   * `<experiment>/<run>/artifacts/<path>` as the runs' `mlflow-artifacts:` roots name them.
   */
  handleArtifactDownload(
    method: string,
    artifactPath: string,
  ): MlflowFakeResponse {
    this.record({
      method,
      path: `/mlflow-artifacts/artifacts/${artifactPath}`,
      query: new URLSearchParams(),
    });
    const match = /^1\/([^/]+)\/artifacts\/(.+)$/.exec(artifactPath);
    const content =
      method.toUpperCase() === 'GET' && match
        ? this.artifacts.get(match[1])?.get(match[2])
        : undefined;
    if (content === undefined) {
      return json(404, {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: `No artifact at ${artifactPath}`,
      });
    }
    return {
      status: 200,
      contentType: artifactPath.endsWith('.json')
        ? 'application/json'
        : 'application/octet-stream',
      body: content,
    };
  }

  setAlias(name: string, alias: string, version: string) {
    this.mustGetModel(name).aliases.set(alias, version);
  }

  getAlias(name: string, alias: string): string | undefined {
    return this.models.get(name)?.aliases.get(alias);
  }

  /** Answers one REST call. Never throws: errors become MLflow's error responses. */
  handle(request: MlflowFakeRequest): MlflowFakeResponse {
    this.record(request);
    try {
      const route =
        this.routes()[`${request.method.toUpperCase()} ${request.path}`];
      if (!route) {
        return {
          status: 404,
          contentType: 'text/html',
          body: '<!doctype html><html lang=en><title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on the server.</p>',
        };
      }
      return json(200, route(this.params(request)));
    } catch (error) {
      if (error instanceof MlflowError) {
        return json(error.status, {
          error_code: error.errorCode,
          message: error.message,
        });
      }
      return json(500, {
        error_code: 'INTERNAL_ERROR',
        message: String(error),
      });
    }
  }

  private record(request: MlflowFakeRequest) {
    this.requestCount += 1;
    this.requests.push(request);
    if (this.requests.length > MlflowFake.MAX_RECORDED_REQUESTS) {
      this.requests.shift();
    }
  }

  private params(request: MlflowFakeRequest): Record<string, unknown> {
    if (request.method.toUpperCase() === 'GET') {
      const params: Record<string, unknown> = {};
      for (const key of new Set(request.query.keys())) {
        const values = request.query.getAll(key);
        params[key] = values.length > 1 ? values : values[0];
      }
      return params;
    }
    if (!request.contentType?.startsWith('application/json')) {
      throw new MlflowError(
        400,
        'BAD_REQUEST',
        "Bad Request. Content-Type must be one of ['application/json'].",
      );
    }
    try {
      return request.body ? JSON.parse(request.body) : {};
    } catch {
      throw new MlflowError(
        400,
        'MALFORMED_REQUEST',
        'Failed to parse the request body as JSON',
      );
    }
  }

  private routes(): Record<string, (p: Record<string, unknown>) => unknown> {
    return {
      'GET /registered-models/get': p => ({
        registered_model: registeredModelJson(
          this.mustGetModel(required(p, 'name')),
        ),
      }),
      'GET /registered-models/search': p => this.searchRegisteredModels(p),
      'GET /model-versions/get': p => {
        const model = this.mustGetModel(required(p, 'name'));
        return {
          model_version: versionJson(
            model,
            this.mustGetVersion(model, required(p, 'version')),
            true,
          ),
        };
      },
      'GET /model-versions/search': p => this.searchVersions(p),
      'GET /registered-models/alias': p => {
        const name = required(p, 'name');
        const alias = required(p, 'alias');
        const model = this.models.get(name);
        const version = model?.aliases.get(alias);
        if (!model || !version) {
          throw new MlflowError(
            400,
            'INVALID_PARAMETER_VALUE',
            `Registered model alias ${alias} not found.`,
          );
        }
        return {
          model_version: versionJson(
            model,
            this.mustGetVersion(model, version),
            true,
          ),
        };
      },
      'POST /registered-models/alias': p => {
        const model = this.mustGetModel(required(p, 'name'));
        const alias = required(p, 'alias');
        const version = required(p, 'version');
        if (RESERVED_ALIAS.test(alias)) {
          throw new MlflowError(
            400,
            'INVALID_PARAMETER_VALUE',
            `'${alias}' alias name (case insensitive) is reserved.`,
          );
        }
        this.mustGetVersion(model, version);
        model.aliases.set(alias, version);
        model.last_updated_timestamp = Date.now();
        return {};
      },
      'DELETE /registered-models/alias': p => {
        const model = this.mustGetModel(required(p, 'name'));
        model.aliases.delete(required(p, 'alias'));
        return {};
      },
      'POST /registered-models/create': p => {
        const name = required(p, 'name');
        if (this.models.has(name)) {
          throw new MlflowError(
            400,
            'RESOURCE_ALREADY_EXISTS',
            `Registered Model (name=${name}) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: registered_models.name`,
          );
        }
        const tags = (p.tags ?? []) as Array<{ key?: string; value?: string }>;
        if (
          !Array.isArray(tags) ||
          tags.some(t => typeof t?.key !== 'string')
        ) {
          throw new MlflowError(
            400,
            'INVALID_PARAMETER_VALUE',
            "Invalid value for parameter 'tags': each tag needs a key",
          );
        }
        this.createRegisteredModel(name, {
          description: p.description as string | undefined,
          tags: Object.fromEntries(tags.map(t => [t.key!, t.value ?? ''])),
        });
        return {
          registered_model: registeredModelJson(this.mustGetModel(name)),
        };
      },
      'GET /runs/get': p => {
        const runId = String(p.run_id ?? p.run_uuid ?? '');
        if (!runId) {
          required(p, 'run_id');
        }
        const run = this.runs.get(runId);
        if (!run) {
          throw new MlflowError(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Run '${runId}' not found`,
          );
        }
        return { run: runJson(run) };
      },
      'GET /artifacts/list': p => this.listArtifacts(p),
    };
  }

  /** `artifacts/list`: the files and folders directly under `path` of a run's artifact root. */
  private listArtifacts(p: Record<string, unknown>) {
    const runId = String(p.run_id ?? p.run_uuid ?? '');
    if (!runId) {
      required(p, 'run_id');
    }
    if (!this.runs.has(runId)) {
      throw new MlflowError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Run '${runId}' not found`,
      );
    }
    const folder = String(p.path ?? '').replace(/^\/+|\/+$/g, '');
    const prefix = folder ? `${folder}/` : '';
    const entries = new Map<string, { is_dir: boolean; file_size?: number }>();
    for (const [path, content] of this.artifacts.get(runId) ?? []) {
      if (!path.startsWith(prefix)) continue;
      const [child, ...deeper] = path.slice(prefix.length).split('/');
      entries.set(
        `${prefix}${child}`,
        deeper.length
          ? { is_dir: true }
          : { is_dir: false, file_size: Buffer.byteLength(content) },
      );
    }
    return omitEmpty({
      root_uri: `mlflow-artifacts:/${artifactRootOf(runId)}`,
      files: [...entries]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([path, info]) => ({ path, ...info })),
    });
  }

  private searchRegisteredModels(p: Record<string, unknown>) {
    const filter = typeof p.filter === 'string' ? p.filter : '';
    const like = /^name\s+(?:I?LIKE)\s+'(.*)'$/i.exec(filter.trim());
    const equals = /^name\s*=\s*'(.*)'$/.exec(filter.trim());
    let models = [...this.models.values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    if (equals) {
      models = models.filter(m => m.name === equals[1]);
    } else if (like) {
      const pattern = new RegExp(
        `^${like[1]
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')
          .replace(/_/g, '.')}$`,
        'i',
      );
      models = models.filter(m => pattern.test(m.name));
    }
    const { page, nextPageToken } = paginate(models, p, 100, 1000);
    return omitEmpty({
      registered_models: page.map(m => registeredModelJson(m)),
      next_page_token: nextPageToken,
    });
  }

  private searchVersions(p: Record<string, unknown>) {
    const filter = typeof p.filter === 'string' ? p.filter.trim() : '';
    const byName = /^name\s*=\s*'(.*)'$/.exec(filter);
    if (filter && !byName) {
      throw new MlflowError(
        400,
        'INVALID_PARAMETER_VALUE',
        `Invalid filter '${filter}'`,
      );
    }
    const models = byName
      ? [this.models.get(byName[1])].filter((m): m is StoredModel => Boolean(m))
      : [...this.models.values()];
    const rows = models.flatMap(model =>
      [...model.versions].reverse().map(version => ({ model, version })),
    );
    const { page, nextPageToken } = paginate(rows, p, 200000, 200000);
    return omitEmpty({
      // model-versions/search does not include aliases (observed on a running server).
      model_versions: page.map(r => versionJson(r.model, r.version, false)),
      next_page_token: nextPageToken,
    });
  }

  private mustGetModel(name: string): StoredModel {
    const model = this.models.get(name);
    if (!model) {
      throw new MlflowError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Registered Model with name=${name} not found`,
      );
    }
    return model;
  }

  private mustGetVersion(model: StoredModel, version: string): StoredVersion {
    const found = model.versions.find(v => v.version === version);
    if (!found) {
      throw new MlflowError(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Model Version (name=${model.name}, version=${version}) not found`,
      );
    }
    return found;
  }
}
