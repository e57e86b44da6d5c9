#!/usr/bin/env node
/*
 * Runs a Dockerfile's steps on the host, so a test can prove the image's recipe without Docker:
 *
 *   node scripts/run-dockerfile.mjs build <Dockerfile> <context> <dir>   COPY, ENV and RUN, with WORKDIR as <dir>
 *   node scripts/run-dockerfile.mjs start <Dockerfile> <dir> [args...]    CMD (plus args) in <dir>, with ENV
 *
 * It knows the instructions packages/backend/Dockerfile uses: FROM (its `node:<major>` must be the Node running
 * this script), USER (ignored: the host user runs everything), one absolute WORKDIR, ENV, COPY (options such as
 * --chown ignored) and RUN (options such as --mount ignored), and an exec-form CMD. Anything else is an error,
 * so the file cannot grow a step the test silently skips.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function parse(dockerfile) {
  const text = fs.readFileSync(dockerfile, 'utf8');
  const lines = text
    .split('\n')
    .filter(line => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean);
  return lines.map(line => {
    const [, instruction, rest] = line.match(/^(\S+)\s+(.*)$/) ?? [];
    if (!instruction) {
      throw new Error(`Cannot read the Dockerfile line: ${line}`);
    }
    return { instruction: instruction.toUpperCase(), rest: rest.trim() };
  });
}

/** Splits off leading `--flag=value` options, which only matter to Docker. */
function withoutOptions(rest) {
  const words = rest.split(/\s+/);
  while (words[0]?.startsWith('--')) {
    words.shift();
  }
  return words;
}

function envOf(steps) {
  const env = {};
  for (const { instruction, rest } of steps) {
    if (instruction === 'ENV') {
      for (const [, key, value] of rest.matchAll(/(\w+)=("([^"]*)"|\S+)/g)) {
        env[key] = value.replace(/^"|"$/g, '');
      }
    }
  }
  return env;
}

function checkNode(rest) {
  const major = rest.match(/^node:(\d+)/)?.[1];
  if (!major) {
    throw new Error(`FROM ${rest}: only node:<major> images are understood`);
  }
  if (process.versions.node.split('.')[0] !== major) {
    throw new Error(
      `FROM ${rest}: the image runs Node ${major}, this host Node ${process.versions.node}`,
    );
  }
}

function build(dockerfile, context, dir) {
  const steps = parse(dockerfile);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env };
  for (const { instruction, rest } of steps) {
    switch (instruction) {
      case 'FROM':
        checkNode(rest);
        break;
      case 'USER':
      case 'CMD':
        break;
      case 'WORKDIR':
        if (!rest.startsWith('/')) {
          throw new Error(
            `WORKDIR ${rest}: only one absolute WORKDIR is understood`,
          );
        }
        break;
      case 'ENV':
        Object.assign(env, envOf([{ instruction, rest }]));
        break;
      case 'COPY': {
        const words = withoutOptions(rest);
        const dest = path.resolve(dir, words.pop());
        for (const source of words) {
          const from = path.resolve(context, source);
          const to =
            words.length > 1 || fs.statSync(from).isFile()
              ? path.join(dest, path.basename(from))
              : dest;
          console.log(`==> COPY ${source} ${path.relative(dir, to) || '.'}`);
          fs.cpSync(from, to, { recursive: true });
        }
        break;
      }
      case 'RUN': {
        const command = withoutOptions(rest).join(' ');
        console.log(`==> RUN ${command}`);
        const run = spawnSync('bash', ['-euo', 'pipefail', '-c', command], {
          cwd: dir,
          env,
          stdio: 'inherit',
        });
        if (run.status !== 0) {
          throw new Error(
            `RUN ${command} failed (${run.status ?? run.signal})`,
          );
        }
        break;
      }
      default:
        throw new Error(`${instruction}: not an instruction this runner knows`);
    }
  }
}

function start(dockerfile, dir, args) {
  const steps = parse(dockerfile);
  const cmd = steps.filter(s => s.instruction === 'CMD').pop();
  if (!cmd) {
    throw new Error(`${dockerfile} has no CMD`);
  }
  const [command, ...cmdArgs] = JSON.parse(cmd.rest);
  const child = spawn(command, [...cmdArgs, ...args], {
    cwd: dir,
    env: { ...process.env, ...envOf(steps) },
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const [mode, dockerfile, ...rest] = process.argv.slice(2);
try {
  if (mode === 'build' && rest.length === 2) {
    build(dockerfile, rest[0], path.resolve(rest[1]));
  } else if (mode === 'start' && rest.length >= 1) {
    start(dockerfile, path.resolve(rest[0]), rest.slice(1));
  } else {
    console.error(
      'usage: run-dockerfile.mjs build <Dockerfile> <context> <dir> | start <Dockerfile> <dir> [args...]',
    );
    process.exit(2);
  }
} catch (error) {
  console.error(`!! ${error.message}`);
  process.exit(1);
}
