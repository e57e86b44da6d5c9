/*
 * The MLflow stand-in's route table: `METHOD /path` below `/api/2.0/mlflow` → the handler that answers it, and
 * how a request's parameters are read (query for GET, a JSON body otherwise, as MLflow's Flask handlers do).
 */

import type { MlflowFakeRequest } from './mlflowFakeTypes';
import type { MlflowRegistryStore } from './MlflowRegistryStore';
import type { MlflowRunStore } from './MlflowRunStore';
import {
  MlflowError,
  registeredModelJson,
  required,
  versionJson,
} from './mlflowWireFormat';
import { setModelVersionTag } from './setModelVersionTag';

export type MlflowRoute = (p: Record<string, unknown>) => unknown;

const RESERVED_ALIAS = /^(latest|v\d+)$/i;

export function mlflowRoutes(
  registry: MlflowRegistryStore,
  runs: MlflowRunStore,
): Record<string, MlflowRoute> {
  return {
    'GET /registered-models/get': p => ({
      registered_model: registeredModelJson(
        registry.mustGetModel(required(p, 'name')),
      ),
    }),
    'GET /registered-models/search': p => registry.searchRegisteredModels(p),
    'GET /model-versions/get': p => {
      const model = registry.mustGetModel(required(p, 'name'));
      return {
        model_version: versionJson(
          model,
          registry.mustGetVersion(model, required(p, 'version')),
          true,
        ),
      };
    },
    'GET /model-versions/search': p => registry.searchVersions(p),
    'POST /model-versions/set-tag': p => {
      setModelVersionTag(p, (name, version) =>
        registry.find(name)?.versions.find(v => v.version === version),
      );
      return {};
    },
    'GET /registered-models/alias': p => {
      const name = required(p, 'name');
      const alias = required(p, 'alias');
      const model = registry.find(name);
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
          registry.mustGetVersion(model, version),
          true,
        ),
      };
    },
    'POST /registered-models/alias': p => {
      const model = registry.mustGetModel(required(p, 'name'));
      const alias = required(p, 'alias');
      const version = required(p, 'version');
      if (RESERVED_ALIAS.test(alias)) {
        throw new MlflowError(
          400,
          'INVALID_PARAMETER_VALUE',
          `'${alias}' alias name (case insensitive) is reserved.`,
        );
      }
      registry.mustGetVersion(model, version);
      model.aliases.set(alias, version);
      model.last_updated_timestamp = Date.now();
      return {};
    },
    'DELETE /registered-models/alias': p => {
      const model = registry.mustGetModel(required(p, 'name'));
      model.aliases.delete(required(p, 'alias'));
      return {};
    },
    'POST /registered-models/create': p => {
      const name = required(p, 'name');
      if (registry.has(name)) {
        throw new MlflowError(
          400,
          'RESOURCE_ALREADY_EXISTS',
          `Registered Model (name=${name}) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: registered_models.name`,
        );
      }
      const tags = (p.tags ?? []) as Array<{ key?: string; value?: string }>;
      if (!Array.isArray(tags) || tags.some(t => typeof t?.key !== 'string')) {
        throw new MlflowError(
          400,
          'INVALID_PARAMETER_VALUE',
          "Invalid value for parameter 'tags': each tag needs a key",
        );
      }
      registry.createRegisteredModel(name, {
        description: p.description as string | undefined,
        tags: Object.fromEntries(tags.map(t => [t.key!, t.value ?? ''])),
      });
      return {
        registered_model: registeredModelJson(registry.mustGetModel(name)),
      };
    },
    'GET /runs/get': p => runs.getRun(p),
    'POST /runs/search': p => runs.searchRuns(p),
    'GET /artifacts/list': p => runs.listArtifacts(p),
  };
}

/** A request's parameters: the query's for GET (repeated keys as lists), else its JSON body. */
export function requestParams(
  request: MlflowFakeRequest,
): Record<string, unknown> {
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
