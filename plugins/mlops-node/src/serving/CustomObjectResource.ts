import { InputError } from '@backstage/errors';
import { KubernetesClusters } from '../kubernetes/KubernetesClusters';
import { replaceWithRetry } from './replaceWithRetry';
import { ServingTarget } from './TrafficRouter';
import { unconfirmedWriteError } from './TrafficWriteUnconfirmedError';

/**
 * What `CustomObjectResource` needs of a custom object: its metadata, carrying the resourceVersion it was read at.
 *
 * @public
 */
export type Versioned = { metadata: { resourceVersion?: string } };

/**
 * One custom resource type (group, version, plural) on the clusters the Kubernetes plugin is configured with:
 * read an object, and update it with optimistic concurrency ({@link replaceWithRetry}). Writes ask for
 * `fieldValidation=Strict`, so a field the CRD does not know is an error instead of being pruned in silence. A
 * replace the API server never answered is a `TrafficWriteUnconfirmedError` (it may have landed).
 *
 * @public
 */
export class CustomObjectResource<T extends Versioned> {
  constructor(
    private readonly clusters: KubernetesClusters,
    private readonly type: {
      group: string;
      version: string;
      plural: string;
      /** The kind, which finds the object's document in a manifest (GitOps mode). */
      kind?: string;
    },
  ) {}

  /** Reads the target's object from its cluster. */
  async read(target: ServingTarget): Promise<T> {
    return (await this.clusters
      .customObjects(target.cluster)
      .getNamespacedCustomObject(this.params(target))) as T;
  }

  /**
   * Replaces the target's object with `change` applied to the live one, re-reading and re-applying on a 409;
   * resolves to the object written. In GitOps mode (`target.manifest`) the same `change` edits the manifest in Git
   * instead, and the live object changes when the controller syncs.
   */
  update(target: ServingTarget, change: (object: T) => T): Promise<T> {
    if (target.manifest) {
      if (!this.type.kind) {
        throw new InputError(
          `${this.type.plural} cannot be managed from Git: the resource type names no kind`,
        );
      }
      return target.manifest.update<T>(
        {
          apiVersion: `${this.type.group}/${this.type.version}`,
          kind: this.type.kind,
          namespace: target.namespace,
          name: target.name,
        },
        change,
      );
    }
    return replaceWithRetry<T>(
      () => this.read(target),
      async body => {
        try {
          return (await this.clusters
            .customObjects(target.cluster)
            .replaceNamespacedCustomObject({
              ...this.params(target),
              body,
              fieldValidation: 'Strict',
            })) as T;
        } catch (error) {
          throw unconfirmedWriteError(
            error,
            `${this.type.plural} ${target.namespace}/${target.name}`,
          );
        }
      },
      change,
    );
  }

  private params(target: ServingTarget) {
    return { ...this.type, namespace: target.namespace, name: target.name };
  }
}
