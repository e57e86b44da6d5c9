#!/usr/bin/env node
// Checks packed tarballs as a registry would serve them, for what only this monorepo would otherwise supply:
//   - no dependency range that names a workspace, a link, a file or a relative path, and no private workspace;
//   - the LICENSE, a README whose relative links all resolve inside the tarball, and the Backstage metadata
//     (backstage.role, pluginId, repository, license, keywords);
//   - every entry point (main, module, types, exports, typesVersions, configSchema) and every `files` entry exists;
//   - every folder the code resolves at run time with resolvePackagePath (migrations) is shipped.
// Usage: checkTarballs.mjs <tarball>...
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  existsSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { privatePackages } from './publishedPackages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const forbidden = new Set(privatePackages(root));
const problems = [];

function walk(dir) {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function targets(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  // Condition "backstage" names the feature type an entry point exports (@backstage/FrontendPlugin), not a file.
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([condition, v]) =>
      condition === 'backstage' ? [] : targets(v),
    );
  }
  return [];
}

for (const tarball of process.argv.slice(2)) {
  const dir = mkdtempSync(join(tmpdir(), 'tarball-'));
  execFileSync('tar', ['xzf', tarball, '-C', dir]);
  const pkg = join(dir, 'package');
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const say = problem => problems.push(`${manifest.name}: ${problem}`);
  const has = path => existsSync(join(pkg, normalize(path)));

  for (const field of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
    'devDependencies',
  ]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|link|file|portal|patch):|^\.{0,2}\//.test(range))
        say(`${field} ${name}@${range} needs this monorepo`);
      if (forbidden.has(name))
        say(`${field} names the private package ${name}`);
    }
  }
  if (!has('LICENSE')) say('no LICENSE');
  if (manifest.license !== 'Apache-2.0') say(`license is ${manifest.license}`);
  for (const key of ['role', 'pluginId'])
    if (!manifest.backstage?.[key]) say(`no backstage.${key}`);
  if (!manifest.backstage?.pluginPackages && !manifest.backstage?.pluginPackage)
    say('no backstage.pluginPackage(s)');
  if (!manifest.repository?.url) say('no repository');
  if (!manifest.keywords?.length) say('no keywords');
  if (!manifest.description) say('no description');

  const entryPoints = [
    manifest.main,
    manifest.module,
    manifest.types,
    manifest.configSchema,
    ...targets(manifest.exports),
    ...targets(manifest.typesVersions),
  ].filter(Boolean);
  for (const entry of entryPoints)
    if (!has(entry)) say(`entry point ${entry} is not in the tarball`);
  for (const entry of manifest.files ?? [])
    if (!entry.includes('*') && !has(entry))
      say(`files lists ${entry}, not in the tarball`);

  const files = walk(pkg);
  for (const file of files.filter(f => f.endsWith('.js'))) {
    const code = readFileSync(file, 'utf8');
    for (const [, name, path] of code.matchAll(
      /resolvePackagePath\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']/g,
    )) {
      if (name === manifest.name && !has(path))
        say(`the code resolves ${path} at run time, not in the tarball`);
    }
  }

  if (!has('README.md')) say('no README.md');
  else {
    const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
    for (const [, link] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(link)) continue;
      if (!has(link.split('#')[0]))
        say(`README links to ${link}, not in the tarball`);
    }
  }
  console.log(`${manifest.name}@${manifest.version}: ${files.length} files`);
}

if (problems.length) {
  console.error(
    `The packed packages need this monorepo:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
