#!/usr/bin/env node
// The versions check CI runs (what `backstage-cli versions:check` did before CLI 0.36 dropped it): every @backstage/*
// package is on the release in backstage.json, as scripts/versions/backstage-release.json records it.
//   - every workspace's @backstage/* dependency range admits the release's version of that package;
//   - yarn.lock resolves every @backstage/* package to exactly one version, the release's.
// Moving a lockfile onto the release, as create-app's seed lockfile would (the registry also serves packages published
// after the release, which a fresh resolution picks up):
//   1. `node scripts/versions/check.mjs --pin` writes the release's versions into the root package.json's `resolutions`;
//   2. `yarn install` resolves everything to them;
//   3. `node scripts/versions/check.mjs --lock` files each pinned lock entry under every range that asks for it and
//      removes those resolutions again; a last `yarn install` then keeps the pinned versions with no resolutions left.
// --root=DIR works on another project (the install test's app).
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root =
  process.argv.find(a => a.startsWith('--root='))?.slice(7) ??
  join(dirname(fileURLToPath(import.meta.url)), '../..');
const here = dirname(fileURLToPath(import.meta.url));
const semver = createRequire(join(here, '../../package.json'))('semver');
const { release, packages: releaseVersions } = JSON.parse(
  readFileSync(join(here, 'backstage-release.json'), 'utf8'),
);
const rootManifest = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
);

if (process.argv.includes('--pin')) {
  rootManifest.resolutions = {
    ...rootManifest.resolutions,
    ...releaseVersions,
  };
  writeFileSync(
    join(root, 'package.json'),
    `${JSON.stringify(rootManifest, null, 2)}\n`,
  );
  console.log(
    `Pinned ${
      Object.keys(releaseVersions).length
    } @backstage/* packages to release ${release}; run yarn install, then --lock.`,
  );
  process.exit(0);
}
if (process.argv.includes('--lock')) {
  lockOnRelease();
  process.exit(0);
}

const problems = [];
for (const { dir, manifest } of workspaceManifests()) {
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const version = releaseVersions[name];
      if (!version)
        problems.push(
          `${dir}/package.json ${field}: ${name} is not in release ${release}`,
        );
      else if (!semver.satisfies(version, range)) {
        problems.push(
          `${dir}/package.json ${field}: ${name}@${range} does not admit release ${release}'s ${version}`,
        );
      }
    }
  }
}

const locked = new Map();
for (const block of readFileSync(join(root, 'yarn.lock'), 'utf8').split(
  '\n\n',
)) {
  const name = block.match(/^"?(@backstage\/[^@"]+)@npm:/)?.[1];
  const version = block.match(/\n {2}version: (\S+)/)?.[1];
  if (name && version) locked.set(name, [...(locked.get(name) ?? []), version]);
}
for (const [name, versions] of locked) {
  if (versions.length > 1)
    problems.push(
      `yarn.lock holds ${versions.length} copies of ${name}: ${versions.join(
        ', ',
      )}`,
    );
  if (!releaseVersions[name])
    problems.push(`yarn.lock: ${name} is not in release ${release}`);
  else if (!versions.includes(releaseVersions[name]) || versions.length > 1) {
    problems.push(
      `yarn.lock: ${name} is ${versions.join(', ')}, release ${release} has ${
        releaseVersions[name]
      }`,
    );
  }
}

if (problems.length) {
  console.error(
    `@backstage/* versions are not on release ${release}:\n  ${problems.join(
      '\n  ',
    )}`,
  );
  process.exit(1);
}
console.log(
  `${locked.size} @backstage/* packages, one version each, all on release ${release}.`,
);

function workspaceManifests() {
  const dirs = (rootManifest.workspaces ?? []).flatMap(pattern =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter(d => d.isDirectory())
          .map(d => join(pattern.slice(0, -2), d.name))
      : [pattern],
  );
  return ['.', ...dirs]
    .map(dir => ({ dir, file: join(root, dir, 'package.json') }))
    .filter(({ file }) => existsSync(file))
    .map(({ dir, file }) => ({
      dir,
      manifest: JSON.parse(readFileSync(file, 'utf8')),
    }));
}

function lockOnRelease() {
  const lockFile = join(root, 'yarn.lock');
  const lock = readFileSync(lockFile, 'utf8');
  const ranges = new Map();
  const ask = (name, range) => {
    if (!name.startsWith('@backstage/') || range.startsWith('workspace:'))
      return;
    const descriptor = range.startsWith('npm:') ? range : `npm:${range}`;
    ranges.set(name, new Set([...(ranges.get(name) ?? []), descriptor]));
  };
  for (const [, name, range] of lock.matchAll(
    /^ {4}"?(@backstage\/[^":]+)"?: "?([^"\n]+)"?$/gm,
  ))
    ask(name, range);
  for (const { manifest } of workspaceManifests()) {
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {}))
        ask(name, range);
    }
  }
  const rewritten = lock.replace(
    /^"(@backstage\/[^@"]+)@npm:(\d+\.\d+\.\d+)":$/gm,
    (line, name, version) => {
      if (releaseVersions[name] !== version) return line;
      const descriptors = [
        ...new Set([`npm:${version}`, ...(ranges.get(name) ?? [])]),
      ].sort();
      return `"${descriptors.map(d => `${name}@${d}`).join(', ')}":`;
    },
  );
  writeFileSync(lockFile, rewritten);
  const resolutions = Object.fromEntries(
    Object.entries(rootManifest.resolutions ?? {}).filter(
      ([name, version]) => releaseVersions[name] !== version,
    ),
  );
  if (Object.keys(resolutions).length) rootManifest.resolutions = resolutions;
  else delete rootManifest.resolutions;
  writeFileSync(
    join(root, 'package.json'),
    `${JSON.stringify(rootManifest, null, 2)}\n`,
  );
  console.log(
    'yarn.lock files each release version under every range that asks for it; run yarn install.',
  );
}
