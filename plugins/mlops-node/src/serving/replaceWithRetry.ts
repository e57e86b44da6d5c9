import { ConflictError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

/**
 * Optimistic concurrency for one custom object: read it, apply `change`, replace it carrying the read
 * resourceVersion; when the API server answers 409 (someone wrote in between), read again and re-apply.
 * Never overwrites a newer object blindly. Gives up with a ConflictError after `attempts` tries.
 *
 * @public
 */
export async function replaceWithRetry<
  T extends { metadata?: { resourceVersion?: string } },
>(
  read: () => Promise<T>,
  replace: (object: T) => Promise<T>,
  change: (object: T) => T,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await read();
    try {
      return await replace(change(structuredClone(current)));
    } catch (error) {
      const conflict = error instanceof ApiException && error.code === 409;
      if (!conflict) {
        throw error;
      }
      if (attempt >= attempts) {
        throw new ConflictError(
          `The serving resource kept changing under us (${attempts} conflicting writes); try again`,
        );
      }
    }
  }
}
