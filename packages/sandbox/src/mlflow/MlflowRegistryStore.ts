/*
 * The MLflow stand-in's model registry: registered models, their versions and aliases, and the registry's
 * searches (`registered-models/search`, `model-versions/search`) in MLflow's wire format.
 */

import type { VersionSeed } from './mlflowFakeTypes';
import {
  MlflowError,
  omitEmpty,
  paginate,
  registeredModelJson,
  StoredModel,
  StoredVersion,
  versionJson,
} from './mlflowWireFormat';

export class MlflowRegistryStore {
  private readonly models = new Map<string, StoredModel>();

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

  has(name: string): boolean {
    return this.models.has(name);
  }

  find(name: string): StoredModel | undefined {
    return this.models.get(name);
  }

  /** Registers the next version of `name` from the run `runId` logged in `experimentId`; returns the version. */
  addVersion(
    name: string,
    runId: string,
    experimentId: string,
    seed: VersionSeed,
  ): string {
    const model = this.mustGetModel(name);
    const version = String(model.versions.length + 1);
    model.versions.push({
      version,
      creation_timestamp: seed.createdAt,
      last_updated_timestamp: seed.createdAt,
      user_id: seed.userId,
      description: seed.description,
      source: `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`,
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

  setAlias(name: string, alias: string, version: string) {
    this.mustGetModel(name).aliases.set(alias, version);
  }

  getAlias(name: string, alias: string): string | undefined {
    return this.models.get(name)?.aliases.get(alias);
  }

  searchRegisteredModels(p: Record<string, unknown>) {
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

  searchVersions(p: Record<string, unknown>) {
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

  mustGetModel(name: string): StoredModel {
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

  mustGetVersion(model: StoredModel, version: string): StoredVersion {
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
