/*
 * DEMO STAND-IN / TEST DOUBLE: an in-memory Kubeflow Model Registry answering the parts of its REST API
 * (`/api/model_registry/v1alpha3`) the portal uses, in its wire format (see modelRegistryWire.ts): registered
 * models (find by name, list, create, get, PATCH), their versions, and the versions' model artifacts. Not the
 * real server: no experiments, serving environments or inference services, no `filterQuery`.
 */

import {
  checkCustomProperties,
  checkId,
  errorBody,
  listPage,
  ModelRegistryFakeResponse,
  ModelRegistryWireError,
  parseBody,
  StoredResource,
  WireProperties,
  WireValue,
} from './modelRegistryWire';

/** A request as the fake sees it: method, path below `/api/model_registry/v1alpha3`, query and raw body. */
export type ModelRegistryFakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The `Authorization` header, when one was sent. */
  authorization?: string;
  body?: string;
};

/** A seeded version: its custom properties as plain values (typed as the registry would: see `toWireValue`). */
export type ModelRegistryVersionSeed = {
  name: string;
  author?: string;
  description?: string;
  createdAt?: number;
  state?: 'LIVE' | 'ARCHIVED';
  customProperties?: Record<string, string | number | boolean | WireValue>;
  /** The model artifact's location, e.g. `s3://models/churn/3/`. */
  uri?: string;
  modelFormatName?: string;
};

/** Fields a PATCH or POST of a registered model may carry (`RegisteredModelUpdate`/`Create`, `BaseModel`). */
const REGISTERED_MODEL_FIELDS = [
  'description',
  'externalId',
  'customProperties',
  'owner',
  'state',
  'readme',
  'maturity',
  'language',
  'tasks',
  'provider',
  'logo',
  'license',
  'licenseLink',
  'libraryName',
] as const;

/**
 * A plain value as a `MetadataValue`: a string as `MetadataStringValue`, an integer as `MetadataIntValue` (its
 * int32 as a string), any other number as `MetadataDoubleValue`, a boolean as `MetadataBoolValue`; a value that is
 * already typed stays as it is.
 */
export function toWireValue(value: string | number | boolean | WireValue) {
  if (typeof value === 'string') {
    return { metadataType: 'MetadataStringValue', string_value: value };
  }
  if (typeof value === 'boolean') {
    return { metadataType: 'MetadataBoolValue', bool_value: value };
  }
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { metadataType: 'MetadataIntValue', int_value: String(value) }
      : { metadataType: 'MetadataDoubleValue', double_value: value };
  }
  return value;
}

export class ModelRegistryFake {
  private readonly models = new Map<string, StoredResource>();
  private readonly versions = new Map<string, StoredResource>();
  private readonly artifacts = new Map<string, StoredResource>();
  /** version id → its artifacts' ids. */
  private readonly versionArtifacts = new Map<string, string[]>();
  /** Each kind has its own id sequence here; a real server may share one across kinds, so ids skip there. */
  private readonly lastId = { model: 0, version: 0, artifact: 0 };
  /** Answers to give instead of the real ones, first match first (a test's outage or overload). */
  private readonly failures: Array<{
    method: string;
    path: RegExp;
    status: number;
    times: number;
  }> = [];
  /** Every request the fake answered, newest last (the latest 200). */
  readonly requests: ModelRegistryFakeRequest[] = [];
  /** How many requests the fake has answered in all. */
  requestCount = 0;

  /** @param token - the bearer token every request must carry; none to accept any caller. */
  constructor(private readonly token?: string) {}

  /** Creates a registered model, as `POST /registered_models` would; returns its id. */
  createRegisteredModel(
    name: string,
    options: {
      description?: string;
      owner?: string;
      customProperties?: Record<string, string | number | boolean | WireValue>;
      createdAt?: number;
      state?: 'LIVE' | 'ARCHIVED';
    } = {},
  ): string {
    if (this.findModel(name)) {
      throw new Error(`registered model '${name}' exists`);
    }
    const id = String(++this.lastId.model);
    const time = String(options.createdAt ?? Date.now());
    this.models.set(id, {
      id,
      name,
      ...(options.description ? { description: options.description } : {}),
      ...(options.owner ? { owner: options.owner } : {}),
      state: options.state ?? 'LIVE',
      customProperties: this.wireProperties(options.customProperties),
      createTimeSinceEpoch: time,
      lastUpdateTimeSinceEpoch: time,
    });
    return id;
  }

  /** Adds a version (with a model artifact when `uri` is given) to the named model; returns the version's id. */
  addVersion(modelName: string, seed: ModelRegistryVersionSeed): string {
    const model = this.mustFindModel(modelName);
    const id = String(++this.lastId.version);
    const time = String(seed.createdAt ?? Date.now());
    this.versions.set(id, {
      id,
      name: seed.name,
      registeredModelId: model.id,
      ...(seed.description ? { description: seed.description } : {}),
      ...(seed.author ? { author: seed.author } : {}),
      state: seed.state ?? 'LIVE',
      customProperties: this.wireProperties(seed.customProperties),
      createTimeSinceEpoch: time,
      lastUpdateTimeSinceEpoch: time,
    });
    if (seed.uri) {
      const artifactId = String(++this.lastId.artifact);
      this.artifacts.set(artifactId, {
        id: artifactId,
        name: seed.name,
        artifactType: 'model-artifact',
        uri: seed.uri,
        ...(seed.modelFormatName
          ? { modelFormatName: seed.modelFormatName }
          : {}),
        state: 'LIVE',
        customProperties: {},
        createTimeSinceEpoch: time,
        lastUpdateTimeSinceEpoch: time,
      });
      this.versionArtifacts.set(id, [artifactId]);
    }
    return id;
  }

  /** Sets (or, with `undefined`, removes) one custom property of a registered model, as someone in Kubeflow's UI would. */
  setModelProperty(
    modelName: string,
    key: string,
    value: string | number | boolean | WireValue | undefined,
  ) {
    const model = this.mustFindModel(modelName);
    const properties = { ...model.customProperties };
    if (value === undefined) {
      delete properties[key];
    } else {
      properties[key] = toWireValue(value);
    }
    model.customProperties = properties;
    model.lastUpdateTimeSinceEpoch = String(Date.now());
  }

  /** The stored registered model of this name (its JSON as the API answers it), if any. */
  registeredModel(name: string): StoredResource | undefined {
    const model = this.findModel(name);
    return model && JSON.parse(JSON.stringify(model));
  }

  /** Answers the next `times` requests matching `method` and `path` with `status` and an error body instead. */
  failNext(method: string, path: RegExp, status: number, times = 1) {
    this.failures.push({ method, path, status, times });
  }

  handle(request: ModelRegistryFakeRequest): ModelRegistryFakeResponse {
    this.requestCount += 1;
    this.requests.push(request);
    if (this.requests.length > 200) this.requests.shift();
    if (this.token && request.authorization !== `Bearer ${this.token}`) {
      return {
        status: 401,
        body: errorBody('Unauthorized: a valid bearer token is required'),
      };
    }
    const failure = this.failures.find(
      f => f.method === request.method && f.path.test(request.path),
    );
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) {
        this.failures.splice(this.failures.indexOf(failure), 1);
      }
      return {
        status: failure.status,
        body: errorBody(`injected failure (HTTP ${failure.status})`),
      };
    }
    try {
      return this.route(request);
    } catch (error) {
      if (error instanceof ModelRegistryWireError) {
        return { status: error.status, body: errorBody(error.message) };
      }
      throw error;
    }
  }

  private route(request: ModelRegistryFakeRequest): ModelRegistryFakeResponse {
    const { method, query } = request;
    const segments = request.path.split('/').filter(Boolean);
    const ok = (body: unknown, status = 200) => ({ status, body });
    const [collection, id, sub] = segments;
    if (segments.length === 1 && collection === 'registered_model') {
      if (method !== 'GET') return this.notAllowed();
      const name = query.get('name');
      const externalId = query.get('externalId');
      if (!name && !externalId) {
        throw new ModelRegistryWireError(400, 'name or externalId is required');
      }
      const found = [...this.models.values()].find(m =>
        name ? m.name === name : m.externalId === externalId,
      );
      if (!found) {
        throw new ModelRegistryWireError(
          404,
          `no registered models found for name=${name ?? ''}, externalId=${
            externalId ?? ''
          }`,
        );
      }
      return ok(found);
    }
    if (collection === 'registered_models' && segments.length === 1) {
      if (method === 'GET') {
        return listPage([...this.models.values()], query);
      }
      if (method === 'POST') {
        return ok(this.createFromBody(request.body), 201);
      }
      return this.notAllowed();
    }
    if (collection === 'registered_models' && segments.length === 2) {
      const model = this.mustGet(this.models, checkId(id, 'registered model'));
      if (method === 'GET') return ok(model);
      if (method === 'PATCH') return ok(this.patchModel(model, request.body));
      return this.notAllowed();
    }
    if (
      collection === 'registered_models' &&
      sub === 'versions' &&
      segments.length === 3
    ) {
      const model = this.mustGet(this.models, checkId(id, 'registered model'));
      if (method !== 'GET') return this.notAllowed();
      return listPage(
        [...this.versions.values()].filter(
          v => v.registeredModelId === model.id,
        ),
        query,
      );
    }
    if (collection === 'model_versions' && segments.length === 2) {
      if (method !== 'GET') return this.notAllowed();
      return ok(this.mustGet(this.versions, checkId(id, 'model version')));
    }
    if (
      collection === 'model_versions' &&
      sub === 'artifacts' &&
      segments.length === 3
    ) {
      if (method !== 'GET') return this.notAllowed();
      const version = this.mustGet(this.versions, checkId(id, 'model version'));
      const type = query.get('artifactType');
      const artifacts = (this.versionArtifacts.get(version.id) ?? [])
        .map(a => this.artifacts.get(a)!)
        .filter(a => !type || a.artifactType === type);
      return listPage(artifacts, query);
    }
    throw new ModelRegistryWireError(
      404,
      `${method} ${request.path} is not served by this stand-in`,
    );
  }

  private createFromBody(body: string | undefined) {
    const parsed = parseBody(body, ['name', ...REGISTERED_MODEL_FIELDS]);
    if (typeof parsed.name !== 'string' || !parsed.name) {
      throw new ModelRegistryWireError(400, 'name is required');
    }
    if (this.findModel(parsed.name)) {
      throw new ModelRegistryWireError(
        409,
        `registered model with name '${parsed.name}' already exists`,
      );
    }
    const customProperties = checkCustomProperties(
      parsed.customProperties ?? {},
    );
    const id = this.createRegisteredModel(parsed.name, {
      description:
        typeof parsed.description === 'string' ? parsed.description : undefined,
      owner: typeof parsed.owner === 'string' ? parsed.owner : undefined,
    });
    const model = this.models.get(id)!;
    model.customProperties = customProperties;
    return model;
  }

  /** A PATCH changes the fields it sends; its `customProperties` replaces the whole map. */
  private patchModel(model: StoredResource, body: string | undefined) {
    const parsed = parseBody(body, REGISTERED_MODEL_FIELDS);
    if (parsed.customProperties !== undefined) {
      checkCustomProperties(parsed.customProperties);
    }
    if (
      parsed.state !== undefined &&
      parsed.state !== 'LIVE' &&
      parsed.state !== 'ARCHIVED'
    ) {
      throw new ModelRegistryWireError(400, `invalid state '${parsed.state}'`);
    }
    Object.assign(model, parsed, {
      lastUpdateTimeSinceEpoch: String(
        Math.max(Date.now(), Number(model.lastUpdateTimeSinceEpoch) + 1),
      ),
    });
    return model;
  }

  private wireProperties(
    properties: Record<string, string | number | boolean | WireValue> = {},
  ): WireProperties {
    return Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, toWireValue(v)]),
    ) as WireProperties;
  }

  private findModel(name: string) {
    return [...this.models.values()].find(m => m.name === name);
  }

  private mustFindModel(name: string) {
    const model = this.findModel(name);
    if (!model) throw new Error(`no registered model '${name}'`);
    return model;
  }

  private mustGet(store: Map<string, StoredResource>, id: string) {
    const found = store.get(id);
    if (!found) {
      throw new ModelRegistryWireError(404, `no resource with id '${id}'`);
    }
    return found;
  }

  private notAllowed(): ModelRegistryFakeResponse {
    return { status: 405, body: errorBody('method not allowed') };
  }
}
