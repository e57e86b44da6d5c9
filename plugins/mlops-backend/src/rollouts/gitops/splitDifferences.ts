import { LiveServing } from '@mlops-portal/plugin-mlops-common';
import { ServedModelUris, TrafficSplit } from '@mlops-portal/plugin-mlops-node';

type Split = Pick<TrafficSplit, 'stable' | 'canary' | 'shadow' | 'claim'>;

const version = (v?: string) => (v ? `v${v}` : 'an unrecorded version');

/**
 * How the live split differs from the split Git declares, one sentence per field a router writes (the stable and
 * canary versions and weights, the shadow, the claim); empty when they agree.
 */
export function splitDifferences(git: Split, live: Split): string[] {
  const out: string[] = [];
  if (git.stable.version !== live.stable.version) {
    out.push(
      `Stable serves ${version(git.stable.version)} in Git, ${version(
        live.stable.version,
      )} live`,
    );
  }
  if (git.stable.weight !== live.stable.weight) {
    out.push(
      `Stable receives ${git.stable.weight}% in Git, ${live.stable.weight}% live`,
    );
  }
  if (git.canary && !live.canary) {
    out.push(
      `Git has a canary (${version(git.canary.version)} at ${
        git.canary.weight
      }%), live has none`,
    );
  } else if (!git.canary && live.canary) {
    out.push(
      `Live has a canary (${version(live.canary.version)} at ${
        live.canary.weight
      }%), Git has none`,
    );
  } else if (git.canary && live.canary) {
    if (git.canary.version !== live.canary.version) {
      out.push(
        `The canary serves ${version(git.canary.version)} in Git, ${version(
          live.canary.version,
        )} live`,
      );
    }
    if (git.canary.weight !== live.canary.weight) {
      out.push(
        `The canary receives ${git.canary.weight}% in Git, ${live.canary.weight}% live`,
      );
    }
  }
  if (Boolean(git.shadow) !== Boolean(live.shadow)) {
    out.push(
      git.shadow
        ? `Git mirrors traffic to ${version(
            git.shadow.version,
          )} (shadow), live does not`
        : `Live mirrors traffic to ${version(
            live.shadow!.version,
          )} (shadow), Git does not`,
    );
  } else if (git.shadow && git.shadow.version !== live.shadow?.version) {
    out.push(
      `The shadow serves ${version(git.shadow.version)} in Git, ${version(
        live.shadow?.version,
      )} live`,
    );
  }
  const claim = (c?: Split['claim']) =>
    c ? `rollout ${c.rolloutId} of portal '${c.instanceId}'` : 'no rollout';
  if (
    git.claim?.rolloutId !== live.claim?.rolloutId ||
    git.claim?.instanceId !== live.claim?.instanceId
  ) {
    out.push(
      `Git names ${claim(
        git.claim,
      )} as the traffic's driver, live names ${claim(live.claim)}`,
    );
  }
  return out;
}

const ROLES: Array<[keyof ServedModelUris, string]> = [
  ['stable', "Stable's"],
  ['canary', "The canary's"],
  ['shadow', "The shadow's"],
];

/**
 * Where the live object loads a role's model files from, where it differs from Git, one sentence per role (a hand
 * edit of which files are served). A role only one side declares a URI for is not compared: its presence is what
 * {@link splitDifferences} reports.
 */
export function modelUriDifferences(
  git: ServedModelUris,
  live: ServedModelUris,
): string[] {
  return ROLES.flatMap(([role, words]) => {
    const [inGit, inLive] = [git[role], live[role]];
    return inGit && inLive && inGit !== inLive
      ? [`${words} storage URI is ${inGit} in Git, ${inLive} live`]
      : [];
  });
}

/** The live serving's split in the shape {@link splitDifferences} compares. */
export function liveSplit(live: LiveServing): Split {
  return { ...live.split, ...(live.claim ? { claim: live.claim } : {}) };
}
