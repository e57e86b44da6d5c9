import { ConflictError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';
import {
  KubernetesClusters,
  unconfirmedWriteError,
} from '@mlops-portal/plugin-mlops-node';

export type SeldonV2Object = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
    [field: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
};

/** What a change makes of an object: the object to write, `null` to delete it, `undefined` to leave it be. */
export type Change<T> = (current: T | undefined) => T | null | undefined;

const ATTEMPTS = 5;

const isStatus = (error: unknown, code: number) =>
  error instanceof ApiException && error.code === code;

/**
 * One kind of Seldon Core v2 custom resource (mlops.seldon.io/v1alpha1) on the configured clusters. Unlike a
 * SeldonDeployment or an InferenceService, a rollout on Seldon v2 creates and deletes objects (the candidate
 * Models and the Experiment) besides updating them, so this reads an object that may be absent and applies a
 * change that may create, replace or delete it, with optimistic concurrency throughout: a replace carries the
 * read resourceVersion, and a 409 (a conflicting write, or a create racing another) re-reads and re-applies.
 * Writes ask for `fieldValidation=Strict`.
 */
export class SeldonV2Objects<T extends SeldonV2Object> {
  constructor(
    private readonly clusters: KubernetesClusters,
    private readonly plural: 'models' | 'experiments',
  ) {}

  async read(cluster: string, namespace: string, name: string): Promise<T> {
    return (await this.api(cluster).getNamespacedCustomObject({
      ...this.type(namespace),
      name,
    })) as T;
  }

  /** The object, or undefined when there is none or it is being deleted (Seldon's finalizer keeps it a while). */
  async find(
    cluster: string,
    namespace: string,
    name: string,
  ): Promise<T | undefined> {
    const found = await this.findAny(cluster, namespace, name);
    return found?.metadata.deletionTimestamp ? undefined : found;
  }

  private async findAny(
    cluster: string,
    namespace: string,
    name: string,
  ): Promise<T | undefined> {
    try {
      return await this.read(cluster, namespace, name);
    } catch (error) {
      if (isStatus(error, 404)) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Applies `change` to the object as stored now (undefined when absent) and writes the outcome. A change that
   * returns the object unchanged writes nothing. Gives up with a ConflictError after repeated conflicts.
   */
  async apply(
    cluster: string,
    namespace: string,
    name: string,
    change: Change<T>,
  ): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.findAny(cluster, namespace, name);
      const terminating = stored?.metadata.deletionTimestamp !== undefined;
      const current = terminating ? undefined : stored;
      const next = change(current && structuredClone(current));
      try {
        if (next === undefined) {
          return current;
        }
        if (next === null) {
          if (current) {
            await this.remove(cluster, namespace, name);
          }
          return undefined;
        }
        if (terminating) {
          throw new ConflictError(
            `Seldon ${this.plural} ${namespace}/${name} is still being deleted; try again when it is gone`,
          );
        }
        if (current && JSON.stringify(next) === JSON.stringify(current)) {
          return current;
        }
        const body = {
          ...next,
          metadata: { ...next.metadata, name, namespace },
        };
        return await this.confirmed(
          `${this.plural} ${namespace}/${name}`,
          async () =>
            current
              ? ((await this.api(cluster).replaceNamespacedCustomObject({
                  ...this.type(namespace),
                  name,
                  body,
                  fieldValidation: 'Strict',
                })) as T)
              : ((await this.api(cluster).createNamespacedCustomObject({
                  ...this.type(namespace),
                  body,
                  fieldValidation: 'Strict',
                })) as T),
        );
      } catch (error) {
        if (!isStatus(error, 409)) {
          throw error;
        }
        if (attempt >= ATTEMPTS) {
          throw new ConflictError(
            `Seldon ${this.plural} ${namespace}/${name} kept changing under us (${ATTEMPTS} conflicting writes); try again`,
          );
        }
      }
    }
  }

  /** Deletes the object; one already gone is fine. */
  async remove(cluster: string, namespace: string, name: string) {
    try {
      await this.confirmed(`${this.plural} ${namespace}/${name}`, () =>
        this.api(cluster).deleteNamespacedCustomObject({
          ...this.type(namespace),
          name,
        }),
      );
    } catch (error) {
      if (!isStatus(error, 404)) {
        throw error;
      }
    }
  }

  /** A write the API server never answered is unconfirmed, not failed (it may have landed). */
  private async confirmed<R>(what: string, write: () => Promise<R>) {
    try {
      return await write();
    } catch (error) {
      throw unconfirmedWriteError(error, what);
    }
  }

  private api(cluster: string) {
    return this.clusters.customObjects(cluster);
  }

  private type(namespace: string) {
    return {
      group: 'mlops.seldon.io',
      version: 'v1alpha1',
      plural: this.plural,
      namespace,
    };
  }
}
