#!/usr/bin/env node
// After the install: every @mlops-portal/* package came from the registry (an npm: resolution in the app's
// yarn.lock, never a workspace, link or file), all ten are there, and the app has one copy of each @backstage/*
// package (no @backstage/* folder nested under another package's node_modules).
// Usage: checkInstalledApp.mjs <app>
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedPackages } from './publishedPackages.mjs';

const app = process.argv[2];
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const problems = [];

const lock = readFileSync(join(app, 'yarn.lock'), 'utf8');
// The search collator module needs Backstage's search backend, which the install test's app does not run (its own
// tests run it in a real search backend): it is published, but not installed there.
const notInThisApp = ['@mlops-portal/plugin-search-backend-module-mlops'];
for (const { manifest } of publishedPackages(root)) {
  if (notInThisApp.includes(manifest.name)) continue;
  const entry = lock.match(
    new RegExp(
      `^"?${manifest.name.replace(
        '/',
        '\\/',
      )}@[^\\n]*\\n(?: .*\\n)*?  resolution: "([^"]+)"`,
      'm',
    ),
  );
  if (!entry) problems.push(`${manifest.name} is not installed`);
  else if (!entry[1].startsWith(`${manifest.name}@npm:`))
    problems.push(`${manifest.name} resolved to ${entry[1]}`);
  if (!existsSync(join(app, 'node_modules', manifest.name, 'package.json'))) {
    problems.push(`${manifest.name} is not in node_modules`);
  }
}

// Nested copies: node_modules/<pkg>/node_modules/@backstage/* or packages/*/node_modules/@backstage/*.
function nestedBackstage(dir, depth) {
  if (depth > 6 || !existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === '@backstage' && depth > 0) {
      found.push(...readdirSync(path).map(name => join(path, name)));
    } else if (entry.name.startsWith('@')) {
      found.push(...nestedBackstage(path, depth));
    } else if (entry.name !== '.bin') {
      found.push(...nestedBackstage(join(path, 'node_modules'), depth + 1));
    }
  }
  return found;
}
const nested = [
  ...nestedBackstage(join(app, 'node_modules'), 0),
  ...readdirSync(join(app, 'packages')).flatMap(p =>
    nestedBackstage(join(app, 'packages', p, 'node_modules'), 1),
  ),
];
for (const path of nested) {
  const { version } = JSON.parse(
    readFileSync(join(path, 'package.json'), 'utf8'),
  );
  problems.push(`a second copy: ${path.slice(app.length + 1)} (${version})`);
}

if (problems.length) {
  console.error(
    `The installed app is not as an adopter's should be:\n  ${problems.join(
      '\n  ',
    )}`,
  );
  process.exit(1);
}
console.log(
  `All ${
    publishedPackages(root).length
  } packages installed from the registry; one copy of each @backstage/* package.`,
);
