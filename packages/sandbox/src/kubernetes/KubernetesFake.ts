/*
 * DEMO STAND-IN / TEST DOUBLE: an in-memory Kubernetes API server for the calls the portal makes: list (namespaced
 * or across namespaces, with label selectors), get, create, replace and delete of core, apps and custom resources
 * (a delete is immediate: no finalizers, no graceful termination). Writes follow the API server's optimistic
 * concurrency: a replace must carry the stored metadata.resourceVersion or it gets 409 Conflict, with the API
 * server's `Status` error body. Requests need `Authorization: Bearer <token>`. SeldonDeployments,
 * InferenceServices, PrometheusRules and Seldon Core v2 Models and Experiments are checked against their CRDs'
 * schemas as the API server does: an invalid object is a 422 Invalid naming the fields; unknown fields are pruned
 * with a warning (or refused with `?fieldValidation=Strict`), and every warning is kept in
 * {@link KubernetesFake.warnings} for tests to read.
 */
import {
  KubernetesFakeRequest,
  KubernetesFakeResponse,
  KubernetesObject,
  kindsByPlural,
  ServiceProxyRequest,
  status,
} from './kubernetesWire';
import {
  matchesSelector,
  parsePath,
  parseServiceProxyPath,
  Resource,
} from './requestPaths';

import { validateCustomResource } from './validateCustomResource';

export class KubernetesFake {
  private readonly objects = new Map<string, KubernetesObject>();
  private revision = 1000;
  private uid = 0;
  /** Calls answered, by `METHOD path`; lets tests see what a client did. */
  readonly calls: string[] = [];
  /** Makes the next N replaces of any object fail with 409 as if another writer got there first. */
  conflictsToInject = 0;
  /** Every warning sent, e.g. `unknown field "spec.foo"`; a correct client causes none. */
  readonly warnings: string[] = [];

  /**
   * Answers requests to `/api/v1/namespaces/{ns}/services/{name}[:{port}]/proxy/{path}` (the API server's service
   * proxy), as the pods behind the service would; unset, every service is unknown.
   */
  serviceProxy?: (request: ServiceProxyRequest) => KubernetesFakeResponse;

  constructor(private readonly token: string) {}

  /** Stores an object as the API server would after a create (schema-checked, strictly), and returns the stored copy. */
  add(
    group: string,
    plural: string,
    object: KubernetesObject,
  ): KubernetesObject {
    const version = object.apiVersion.split('/').pop()!;
    const checked = this.checkSchema(
      { group, version, plural },
      structuredClone(object),
      'Strict',
    );
    if ('status' in checked) {
      throw new Error(
        `Seed object is invalid: ${
          (checked.body as { message: string }).message
        }`,
      );
    }
    const stored = this.stamp(checked.object, true);
    this.objects.set(
      this.key(group, plural, object.metadata.namespace, object.metadata.name),
      stored,
    );
    return structuredClone(stored);
  }

  get(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
  ) {
    const found = this.objects.get(this.key(group, plural, namespace, name));
    return found && structuredClone(found);
  }

  /** Every stored object of one resource type, e.g. all SeldonDeployments. */
  listAll(group: string, plural: string): KubernetesObject[] {
    const prefix = `${group}/${plural}/`;
    return [...this.objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, object]) => structuredClone(object));
  }

  handle(request: KubernetesFakeRequest): KubernetesFakeResponse {
    this.calls.push(`${request.method} ${request.path}`);
    if (this.calls.length > 500) {
      this.calls.shift();
    }
    if (request.authorization !== `Bearer ${this.token}`) {
      return status(401, 'Unauthorized', 'Unauthorized');
    }
    const proxied = parseServiceProxyPath(request.path);
    if (proxied) {
      return (
        this.serviceProxy?.({
          ...proxied,
          method: request.method.toUpperCase(),
          body: request.body,
        }) ?? status(404, 'NotFound', `services "${proxied.service}" not found`)
      );
    }
    const resource = parsePath(request.path);
    if (!resource) {
      return status(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    const method = request.method.toUpperCase();
    if (method === 'GET') {
      return resource.name
        ? this.getOne(resource)
        : this.list(resource, request.query.get('labelSelector'));
    }
    if (method === 'DELETE' && resource.name) {
      return this.remove(resource);
    }
    let body: KubernetesObject;
    try {
      body = JSON.parse(request.body ?? '');
    } catch {
      return status(
        400,
        'BadRequest',
        'the body of the request was in an unknown format',
      );
    }
    if (
      (method === 'POST' && !resource.name) ||
      (method === 'PUT' && resource.name)
    ) {
      const checked = this.checkSchema(
        resource,
        body,
        request.query.get('fieldValidation'),
      );
      if ('status' in checked) {
        return checked;
      }
      const answer =
        method === 'POST'
          ? this.create(resource, checked.object)
          : this.replace(resource, checked.object);
      return { ...answer, warnings: checked.warnings };
    }
    return status(
      405,
      'MethodNotAllowed',
      `${method} is not supported by this stand-in`,
    );
  }

  /** The CRD schema's verdict on a write: the object to store and its warnings, or the 422 to answer. */
  private checkSchema(
    r: Resource,
    body: KubernetesObject,
    fieldValidation: string | null,
  ): KubernetesFakeResponse | { object: KubernetesObject; warnings: string[] } {
    const verdict = validateCustomResource(
      r,
      body,
      fieldValidation === 'Strict',
    );
    if (!verdict.valid) {
      const invalid = status(422, 'Invalid', verdict.message);
      (invalid.body as Record<string, unknown>).details = verdict.details;
      return invalid;
    }
    this.warnings.push(...verdict.warnings);
    return { object: verdict.object, warnings: verdict.warnings };
  }

  private getOne(r: Resource): KubernetesFakeResponse {
    const found = this.objects.get(
      this.key(r.group, r.plural, r.namespace, r.name!),
    );
    if (!found) {
      return status(
        404,
        'NotFound',
        `${r.plural}${r.group ? `.${r.group}` : ''} "${r.name}" not found`,
      );
    }
    return { status: 200, body: found };
  }

  private list(
    r: Resource,
    labelSelector: string | null,
  ): KubernetesFakeResponse {
    const prefix = `${r.group}/${r.plural}/`;
    const items = [...this.objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, object]) => object)
      .filter(o => !r.namespace || o.metadata.namespace === r.namespace)
      .filter(o => matchesSelector(o.metadata.labels, labelSelector));
    const kind = kindsByPlural[r.plural] ?? r.plural;
    return {
      status: 200,
      body: {
        kind: `${kind}List`,
        apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
        metadata: { resourceVersion: String(this.revision) },
        items,
      },
    };
  }

  private create(r: Resource, body: KubernetesObject): KubernetesFakeResponse {
    const key = this.key(r.group, r.plural, r.namespace, body.metadata?.name);
    if (this.objects.has(key)) {
      return status(
        409,
        'AlreadyExists',
        `${r.plural} "${body.metadata.name}" already exists`,
      );
    }
    const stored = this.stamp(
      { ...body, metadata: { ...body.metadata, namespace: r.namespace } },
      true,
    );
    this.objects.set(key, stored);
    return { status: 201, body: stored };
  }

  private replace(r: Resource, body: KubernetesObject): KubernetesFakeResponse {
    const key = this.key(r.group, r.plural, r.namespace, r.name!);
    const current = this.objects.get(key);
    if (!current) {
      return status(
        404,
        'NotFound',
        `${r.plural}${r.group ? `.${r.group}` : ''} "${r.name}" not found`,
      );
    }
    const stale =
      body.metadata?.resourceVersion !== current.metadata.resourceVersion;
    if (stale || this.conflictsToInject > 0) {
      if (!stale) {
        this.conflictsToInject -= 1;
        // Another writer got there first: the stored object moves on.
        this.objects.set(
          key,
          this.stamp(current, false, current.metadata.generation),
        );
      }
      return status(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${r.plural}${
          r.group ? `.${r.group}` : ''
        } "${
          r.name
        }": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    // Custom resources have a status subresource: a replace of the object keeps the stored status, and only a
    // change of the spec is a new generation (what an operator's observedGeneration is compared with).
    const { status: _ignored, ...rest } = body as KubernetesObject & {
      status?: unknown;
    };
    const kept = (current as { status?: unknown }).status;
    const specChanged =
      JSON.stringify((body as { spec?: unknown }).spec) !==
      JSON.stringify((current as { spec?: unknown }).spec);
    const generation = current.metadata.generation ?? 1;
    const stored = this.stamp(
      {
        ...rest,
        ...(kept === undefined ? {} : { status: kept }),
        metadata: {
          ...body.metadata,
          uid: current.metadata.uid,
          creationTimestamp: current.metadata.creationTimestamp,
        },
      } as KubernetesObject,
      false,
      specChanged ? generation : generation - 1,
    );
    this.objects.set(key, stored);
    return { status: 200, body: stored };
  }

  /** Deletes one object, answering with it as the API server does for an object without finalizers. */
  private remove(r: Resource): KubernetesFakeResponse {
    const key = this.key(r.group, r.plural, r.namespace, r.name!);
    const current = this.objects.get(key);
    if (!current) {
      return status(
        404,
        'NotFound',
        `${r.plural}${r.group ? `.${r.group}` : ''} "${r.name}" not found`,
      );
    }
    this.objects.delete(key);
    return { status: 200, body: current };
  }

  /** Writes an object's status as its operator would (the status subresource): a new resourceVersion, same generation. */
  setStatus(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
    objectStatus: unknown,
  ) {
    const key = this.key(group, plural, namespace, name);
    const current = this.objects.get(key);
    if (!current) {
      return;
    }
    const generation = current.metadata.generation ?? 1;
    this.objects.set(
      key,
      this.stamp(
        { ...current, status: objectStatus } as KubernetesObject,
        false,
        generation - 1,
      ),
    );
  }

  private stamp(
    object: KubernetesObject,
    created: boolean,
    generation = 0,
  ): KubernetesObject {
    this.revision += 1;
    object.metadata.resourceVersion = String(this.revision);
    if (created) {
      this.uid += 1;
      object.metadata.uid = `00000000-0000-4000-8000-${String(
        this.uid,
      ).padStart(12, '0')}`;
      object.metadata.creationTimestamp =
        object.metadata.creationTimestamp ?? new Date().toISOString();
      object.metadata.generation = 1;
    } else {
      object.metadata.generation = generation + 1;
    }
    return object;
  }

  private key(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
  ) {
    return `${group}/${plural}/${namespace ?? ''}/${name}`;
  }
}
