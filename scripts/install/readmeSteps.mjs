#!/usr/bin/env node
// The install steps as the READMEs write them, so that the install test performs exactly those:
//   commands <README.md>            prints the shell commands of the "Add to your Backstage" section, one per line
//                                   (continuation lines joined), for the test to run in the app;
//   check-app <app> <README.md>...  checks that the app holds every line the packages' "Install" sections ask
//                                   for: each `backend.add(...)` in packages/backend/src/index.ts, each frontend
//                                   import in packages/app/src/App.tsx, each legacy-app component in
//                                   packages/app-legacy/src, and each `yarn add`ed package in that workspace's
//                                   package.json (or, for the libraries, installed along).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function section(markdown, title) {
  const start = markdown.search(new RegExp(`^## ${title}\\s*$`, 'm'));
  if (start < 0) return undefined;
  const rest = markdown.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

function codeBlocks(markdown, languages) {
  return [...markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```/gm)]
    .filter(([, language]) => languages.includes(language))
    .map(([, , code]) => code);
}

function shellCommands(code) {
  return code
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
}

function readTree(dir) {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { withFileTypes: true })
    .map(entry =>
      entry.isDirectory()
        ? readTree(join(dir, entry.name))
        : readFileSync(join(dir, entry.name), 'utf8'),
    )
    .join('\n');
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'commands') {
  const steps = section(readFileSync(args[0], 'utf8'), 'Add to your Backstage');
  if (!steps)
    throw new Error(`${args[0]} has no "Add to your Backstage" section`);
  for (const code of codeBlocks(steps, ['sh', 'bash']))
    for (const command of shellCommands(code)) console.log(command);
} else if (mode === 'check-app') {
  const [app, ...readmes] = args;
  const backend = readFileSync(
    join(app, 'packages/backend/src/index.ts'),
    'utf8',
  );
  const frontend = readFileSync(join(app, 'packages/app/src/App.tsx'), 'utf8');
  const legacy = readTree(join(app, 'packages/app-legacy/src'));
  const problems = [];
  let lines = 0;
  for (const readme of readmes) {
    const install = section(readFileSync(readme, 'utf8'), 'Install');
    if (!install) {
      problems.push(`${readme} has no "Install" section`);
      continue;
    }
    for (const code of codeBlocks(install, ['sh', 'bash'])) {
      for (const command of shellCommands(code)) {
        const add = command.match(/^yarn --cwd (\S+) add (.+)$/);
        if (!add) continue;
        const manifest = JSON.parse(
          readFileSync(join(app, add[1], 'package.json'), 'utf8'),
        );
        for (const name of add[2].split(/\s+/)) {
          lines++;
          // The libraries (-common, -node) are optional direct dependencies: the plugins bring them along.
          const installed = existsSync(
            join(app, 'node_modules', name, 'package.json'),
          );
          if (!manifest.dependencies?.[name] && !installed)
            problems.push(`${readme}: ${add[1]} has no ${name}`);
        }
      }
    }
    for (const code of codeBlocks(install, ['ts', 'tsx'])) {
      for (const [line] of code.matchAll(/^backend\.add\(.*\);$/gm)) {
        lines++;
        if (!backend.includes(line))
          problems.push(`${readme}: the app's backend lacks ${line}`);
      }
      for (const [line] of code.matchAll(
        /^import \w+ from '@mlops-portal\/[^']+\/alpha';$/gm,
      )) {
        lines++;
        if (!frontend.includes(line))
          problems.push(`${readme}: the app lacks ${line}`);
      }
      for (const [, component] of code.matchAll(/<(Entity\w+)/g)) {
        lines++;
        if (!new RegExp(`<${component}\\b`).test(legacy))
          problems.push(`${readme}: the legacy app page lacks <${component}>`);
      }
    }
  }
  if (problems.length) {
    console.error(
      `The app does not follow the READMEs' Install sections:\n  ${problems.join(
        '\n  ',
      )}`,
    );
    process.exit(1);
  }
  console.log(
    `The app holds all ${lines} lines of ${readmes.length} README Install sections.`,
  );
} else {
  throw new Error(`Unknown mode ${mode}`);
}
