import { InputError } from '@backstage/errors';
import { ModelAliasFile } from '@mlops-portal/plugin-mlops-common';

/**
 * The alias file a Model in pull-request mode (`spec.registry.changeVia: pull-request`) moves its aliases
 * through, as `modelAliasFile` worked it out; a Model that names no repository and branch for it is refused
 * (a promotion by hand and a rollout's own promotion alike).
 */
export function requireAliasFile(
  entityRef: string,
  file: Required<ModelAliasFile> | undefined,
): Required<ModelAliasFile> {
  if (!file) {
    throw new InputError(
      `${entityRef} moves aliases through pull requests (registry.changeVia) but names no repository and branch for its alias file: set registry.aliasFile, or serving.gitops`,
    );
  }
  return file;
}
