#!/usr/bin/env node
/*
 * The second half of a published package's pack, run from its folder:
 *
 *   "prepack":  "backstage-cli package prepack && node ../../scripts/prepack-strip-private.mjs prepack"
 *   "postpack": "backstage-cli package postpack && node ../../scripts/prepack-strip-private.mjs postpack"
 *
 * prepack: `backstage-cli package prepack` has just backed package.json up (package.json-prepack) and rewritten it
 * for publishing, but it keeps every devDependency, and ours name the private demo workspace
 * (@mlops-portal/sandbox, whose stand-ins the tests use), which no registry serves. This removes every dependency
 * on a private workspace package from the rewritten package.json, and copies the repository's LICENSE in, so the
 * tarball carries the licence its package.json declares. A private package among dependencies, peer or optional
 * dependencies is an error instead: the published package would need it at run time.
 *
 * postpack: `backstage-cli package postpack` has restored package.json from the backup (which is why this edits
 * only after the backup exists); this removes the copied LICENSE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const packageDir = process.cwd();
const rootLicense = path.join(rootDir, 'LICENSE');
const packageLicense = path.join(packageDir, 'LICENSE');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The folders of the root package.json's workspaces: plain folders and `folder/*` patterns. */
function workspaceDirs() {
  const root = readJson(path.join(rootDir, 'package.json'));
  const patterns = Array.isArray(root.workspaces)
    ? root.workspaces
    : root.workspaces?.packages ?? [];
  return patterns.flatMap(pattern => {
    if (pattern.endsWith('/*')) {
      const parent = path.join(rootDir, pattern.slice(0, -2));
      return fs.existsSync(parent)
        ? fs
            .readdirSync(parent, { withFileTypes: true })
            .filter(entry => entry.isDirectory())
            .map(entry => path.join(parent, entry.name))
        : [];
    }
    if (/[*?[{]/.test(pattern)) {
      throw new Error(`Workspace pattern not understood: ${pattern}`);
    }
    return [path.join(rootDir, pattern)];
  });
}

function privateWorkspaceNames() {
  const names = new Set();
  for (const dir of workspaceDirs()) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = readJson(manifest);
      if (pkg.private) {
        names.add(pkg.name);
      }
    }
  }
  return names;
}

function prepack() {
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(path.join(packageDir, 'package.json-prepack'))) {
    throw new Error(
      'No package.json-prepack backup: run `backstage-cli package prepack` first, so postpack can restore package.json',
    );
  }
  const pkg = readJson(manifest);
  const privateNames = privateWorkspaceNames();

  for (const section of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    const needed = Object.keys(pkg[section] ?? {}).filter(name =>
      privateNames.has(name),
    );
    if (needed.length > 0) {
      throw new Error(
        `${pkg.name} lists the private ${needed.join(
          ', ',
        )} in ${section}; a published package cannot depend on it`,
      );
    }
  }
  const removed = Object.keys(pkg.devDependencies ?? {}).filter(name =>
    privateNames.has(name),
  );
  for (const name of removed) {
    delete pkg.devDependencies[name];
  }
  fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);

  if (!fs.existsSync(rootLicense)) {
    throw new Error(`No LICENSE at the repository root (${rootLicense})`);
  }
  if (!fs.existsSync(packageLicense)) {
    fs.copyFileSync(rootLicense, packageLicense);
  }
  console.log(
    `${pkg.name}: LICENSE added${
      removed.length ? `; removed private ${removed.join(', ')}` : ''
    }`,
  );
}

function postpack() {
  // Only the copy prepack made: a LICENSE of the package's own would differ from the root's.
  if (
    fs.existsSync(packageLicense) &&
    fs.readFileSync(packageLicense).equals(fs.readFileSync(rootLicense))
  ) {
    fs.rmSync(packageLicense);
  }
}

const step = process.argv[2];
if (step === 'prepack') {
  prepack();
} else if (step === 'postpack') {
  postpack();
} else {
  console.error(
    'Usage: node scripts/prepack-strip-private.mjs prepack|postpack (from a package folder)',
  );
  process.exit(2);
}
