import { InputError } from '@backstage/errors';
import { ServingPlatforms } from '../../shared/ServingPlatforms';

/**
 * Refuses (400) a traffic write for a Model in GitOps mode whose serving platform cannot route it through Git
 * (`capabilities.gitOps`): its router would change the live objects while the Model says Git owns them, and the
 * GitOps controller would revert the change or the live object would drift from Git. Called before any write:
 * at a rollout's start, at every step and ending the engine writes, and at a return to stable.
 */
export function assertGitOpsSupported(
  platforms: ServingPlatforms,
  platformName: string,
  entityRef: string,
): void {
  const platform = platforms.get(platformName);
  if (platform.capabilities.gitOps) {
    return;
  }
  const supported = platforms
    .names()
    .map(name => platforms.get(name))
    .filter(p => p.capabilities.gitOps)
    .map(p => p.title);
  throw new InputError(
    `${entityRef} declares spec.serving.gitops, but ${
      platform.title
    } cannot be managed from Git: its traffic writes create, change and delete live objects of their own (on Seldon Core v2, the candidate's Model and an Experiment) instead of editing the fields of one serving manifest, so they would bypass Git and the GitOps controller would revert them or drift from them. GitOps mode supports ${
      supported.length
        ? supported.join(', ').replace(/, ([^,]*)$/, ' and $1')
        : 'no serving platform installed here'
    }; remove spec.serving.gitops from the Model, or serve it on one of those`,
  );
}
