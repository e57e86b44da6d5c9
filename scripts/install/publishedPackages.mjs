#!/usr/bin/env node
// Prints the folders of the packages this repository publishes: every workspace under plugins/ not marked private.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export function publishedPackages(root) {
  return readdirSync(join(root, 'plugins'))
    .map(dir => join('plugins', dir))
    .filter(dir => existsSync(join(root, dir, 'package.json')))
    .map(dir => ({
      dir,
      manifest: JSON.parse(
        readFileSync(join(root, dir, 'package.json'), 'utf8'),
      ),
    }))
    .filter(({ manifest }) => !manifest.private);
}

/** Names of this repository's private workspaces, which no published manifest may name. */
export function privatePackages(root) {
  const names = [];
  for (const group of ['packages', 'plugins']) {
    for (const dir of readdirSync(join(root, group))) {
      const file = join(root, group, dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private) names.push(manifest.name);
    }
  }
  const test = JSON.parse(
    readFileSync(join(root, 'test/package.json'), 'utf8'),
  );
  return [...names, test.name];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    publishedPackages(process.cwd())
      .map(p => p.dir)
      .join('\n'),
  );
}
