import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';
import { PortalEndpoint, signInAsGuest } from './portalClient';
import { sleep, waitFor } from './waitFor';

const root = path.resolve(__dirname, '..', '..');
/** Where each replica's log goes (`.run/<name>.log`, which scripts/replicas.sh shows when the test fails). */
export const runDir = path.join(root, '.run');
const sharedConfig = path.join(__dirname, 'app-config.replicas.yaml');

/** One `packages/backend` process the test started. */
export type Replica = PortalEndpoint & {
  child: ChildProcess;
  log: string;
};

function logTail(replica: Replica, lines = 30) {
  return fs
    .readFileSync(replica.log, 'utf8')
    .split('\n')
    .slice(-lines)
    .join('\n');
}

export async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', error =>
      reject(
        new Error(
          `Port ${port} is taken (${error.message}); is another backend running there?`,
        ),
      ),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

/**
 * Starts `node src/index.ts` of packages/backend (what `backstage-cli package start` runs, minus its watcher), its
 * own config file written into `dir`, its output into `.run/<name>.log`.
 */
export function startReplica(
  name: string,
  port: number,
  pgUrl: URL,
  dir: string,
) {
  const url = `http://localhost:${port}`;
  const configFile = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    configFile,
    stringify({
      app: { baseUrl: url },
      backend: {
        baseUrl: url,
        listen: { port },
        cors: { origin: url },
        database: {
          client: 'pg',
          connection: {
            host: pgUrl.hostname,
            port: Number(pgUrl.port || 5432),
            user: decodeURIComponent(pgUrl.username) || 'postgres',
            ...(pgUrl.password
              ? { password: decodeURIComponent(pgUrl.password) }
              : {}),
            // Names this replica in pg_stat_activity and to the test's scheduler trigger.
            application_name: name,
          },
        },
      },
    }),
  );
  const log = path.join(runDir, `${name}.log`);
  const out = fs.openSync(log, 'w');
  const child = spawn(
    process.execPath,
    [
      // No --enable-source-maps: reading every module's source map costs seconds of startup.
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      sharedConfig,
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages', 'backend'),
      // Development: the guest sign-in the test calls with is on only there.
      env: { ...process.env, NODE_ENV: 'development', PGAPPNAME: name },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  return { name, url, child, log } as Replica;
}

export const alive = (replica: Replica) =>
  replica.child.exitCode === null && replica.child.signalCode === null;

/** Waits for the replica's readiness (failing early if it exits or its startup fails), then signs in as guest. */
export async function waitReady(replica: Replica) {
  await waitFor(
    `${replica.name} to be ready`,
    async () => {
      if (!alive(replica)) {
        throw new Error(
          `${replica.name} exited (${
            replica.child.exitCode ?? replica.child.signalCode
          }):\n${logTail(replica)}`,
        );
      }
      // A backend whose startup failed keeps running, unready, instead of exiting.
      if (
        fs.readFileSync(replica.log, 'utf8').includes('Backend startup failed')
      ) {
        throw new Error(
          `${replica.name} failed to start:\n${logTail(replica)}`,
        );
      }
      const res = await fetch(
        `${replica.url}/.backstage/health/v1/readiness`,
      ).catch(() => undefined);
      return res?.ok ? true : undefined;
    },
    120_000,
    500,
  ).catch(error => {
    throw alive(replica)
      ? new Error(`${error.message}\n${logTail(replica)}`)
      : error;
  });
  await signInAsGuest(replica);
}

/** SIGKILLs the replica and waits for it to exit. */
export async function killReplica(replica: Replica) {
  const exited = new Promise(resolve => replica.child.once('exit', resolve));
  replica.child.kill('SIGKILL');
  await exited;
}

/** Stops the replicas still running: SIGTERM, then SIGKILL for any still alive 10 s later. */
export async function stopReplicas(replicas: Replica[]) {
  await Promise.all(
    replicas.filter(alive).map(async replica => {
      const exited = new Promise(resolve =>
        replica.child.once('exit', resolve),
      );
      replica.child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (alive(replica)) {
        replica.child.kill('SIGKILL');
      }
    }),
  );
}
