#!/usr/bin/env node
// Writes scripts/versions/backstage-release.json: the version of every @backstage/* package in yarn.lock as of the
// Backstage release named in backstage.json. Needs the npm registry (run it by hand when bumping the release; CI reads
// the committed file).
//
// Backstage publishes each release's manifest at versions.backstage.io, which this machine cannot reach. The npm
// registry holds the same facts: @backstage/create-app embeds the versions of the packages its template uses
// (dist/lib/versions.cjs.js, `root` being the release), and every other package's release version is the highest
// stable version published by the time the last of those was. Packages published after the release (seen: on
// 2026-11-17, plugin-catalog 2.1.0 needing plugin-catalog-react ^4.0.0) are what a lockfile-less install picks up and
// what made a second copy of catalog-react, catalog-node and core-compat-api appear in adopters' apps.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const release = JSON.parse(
  readFileSync(join(root, 'backstage.json'), 'utf8'),
).version;
const npm = (...args) =>
  execFileSync('npm', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
const view = (name, field) => JSON.parse(npm('view', name, field, '--json'));

const stable = v => /^\d+\.\d+\.\d+$/.test(v);
const compare = (a, b) => {
  const [x, y] = [a, b].map(v => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

// The create-app whose template is this release.
const createAppVersions = view('@backstage/create-app', 'versions')
  .filter(stable)
  .sort(compare)
  .reverse();
let templateVersions;
for (const version of createAppVersions) {
  const dir = mkdtempSync(join(tmpdir(), 'create-app-'));
  npm(
    'pack',
    `@backstage/create-app@${version}`,
    '--pack-destination',
    dir,
    '--silent',
  );
  const tarball = readdirSync(dir).find(f => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir]);
  const map = createRequire(import.meta.url)(
    join(dir, 'package/dist/lib/versions.cjs.js'),
  ).packageVersions;
  if (map.root === release) {
    templateVersions = map;
    console.error(`@backstage/create-app ${version} is release ${release}`);
    break;
  }
  if (compare(map.root, release) < 0) break;
}
if (!templateVersions)
  throw new Error(`No @backstage/create-app version is release ${release}`);

const lockNames = [
  ...readFileSync(join(root, 'yarn.lock'), 'utf8').matchAll(
    /^"?(@backstage\/[^@"]+)@/gm,
  ),
].map(m => m[1]);
const names = [
  ...new Set([
    ...lockNames,
    ...Object.keys(templateVersions).filter(n => n !== 'root'),
  ]),
].sort();
const times = Object.fromEntries(names.map(name => [name, view(name, 'time')]));

const cutoff = Object.entries(templateVersions)
  .filter(([name]) => name !== 'root')
  .map(([name, version]) => times[name][version])
  .sort()
  .pop();
const packages = {};
for (const name of names) {
  const versions = Object.entries(times[name])
    .filter(([version, time]) => stable(version) && time <= cutoff)
    .map(([version]) => version)
    .sort(compare);
  packages[name] = versions.pop();
  const expected = templateVersions[name];
  if (expected && expected !== packages[name]) {
    throw new Error(
      `${name}: create-app says ${expected}, the registry's dates say ${packages[name]}`,
    );
  }
}
writeFileSync(
  join(root, 'scripts/versions/backstage-release.json'),
  `${JSON.stringify({ release, publishedBy: cutoff, packages }, null, 2)}\n`,
);
console.error(
  `${names.length} packages, release ${release}, published by ${cutoff}`,
);
