import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import knexFactory, { Knex } from 'knex';
import { stringify } from 'yaml';

/*
 * Two real `packages/backend` processes of one portal on one PostgreSQL, one sandbox and one Prometheus
 * (scripts/replicas.sh starts those three and runs this file). Each replica connects to PostgreSQL under its
 * own application_name, and a trigger the test adds to the rollout plugin's scheduler table records which
 * replica took and gave back each run of the rollout engine's task: the database's own account of who ticked.
 * The sandbox lists every write it answered (GET /debug/requests), so traffic changes and alias moves are
 * counted where they land.
 */

const root = path.resolve(__dirname, '..', '..');
const runDir = path.join(root, '.run');
const sharedConfig = path.join(__dirname, 'app-config.replicas.yaml');
/** As app-config.replicas.yaml has them. */
const sandboxUrl = 'http://127.0.0.1:7012';
const ports = [
  Number(process.env.MLOPS_REPLICA_1_PORT ?? 7021),
  Number(process.env.MLOPS_REPLICA_2_PORT ?? 7022),
];
const MODEL = 'model:default/fraud-detector';
const ENTITY_PATH = '/api/mlops/v1/entities/model/default/fraud-detector';
const ENGINE_TASK = 'mlops-rollout-engine';
const SCHEDULER_INTERVAL_MS = 5_000;
const SELDON_PATH =
  '/kubernetes/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector';
const ALIAS_PATH = '/mlflow/api/2.0/mlflow/registered-models/alias';

/** Short steps and analysis, so the whole canary takes about a minute at the engine's 5 s ticks. */
const CANARY = {
  entityRef: MODEL,
  version: '6',
  steps: [
    { weight: 10, durationSeconds: 10 },
    { weight: 50, durationSeconds: 0 },
    { weight: 100, durationSeconds: 0 },
  ],
  analysis: {
    intervalSeconds: 1,
    initialDelaySeconds: 5,
    count: 2,
    consecutiveErrorLimit: 0,
  },
};

type Replica = {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
  token?: string;
};

type EngineRun = {
  replica: string;
  start: number;
  end?: number;
  endedBy?: string;
};

type SandboxWrite = {
  at: string;
  method: string;
  path: string;
  status: number;
  body?: string;
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A probe answers undefined for "not yet"; what it throws ends the wait.
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs / 1000}s waiting for ${what}`,
      );
    }
    await sleep(intervalMs);
  }
}

function logTail(replica: Replica, lines = 30) {
  return fs
    .readFileSync(replica.log, 'utf8')
    .split('\n')
    .slice(-lines)
    .join('\n');
}

async function assertPortFree(port: number) {
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

/** Starts `node src/index.ts` of packages/backend (what `backstage-cli package start` runs, minus its watcher). */
function startReplica(name: string, port: number, pgUrl: URL, dir: string) {
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

const alive = (replica: Replica) =>
  replica.child.exitCode === null && replica.child.signalCode === null;

async function waitReady(replica: Replica) {
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
  const res = await fetch(`${replica.url}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(res.status, 200, `${replica.name}: guest sign-in`);
  replica.token = ((await res.json()) as any).backstageIdentity.token;
}

async function api(
  replica: Replica,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${replica.url}${pathname}`, {
    method,
    headers: {
      Authorization: `Bearer ${replica.token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function sandboxJson(pathname: string) {
  const res = await fetch(`${sandboxUrl}${pathname}`);
  assert.equal(res.status, 200, `sandbox ${pathname}`);
  return (await res.json()) as any;
}

async function mlflowAliases(): Promise<Record<string, string>> {
  const body = await sandboxJson(
    '/mlflow/api/2.0/mlflow/registered-models/get?name=fraud-detector',
  );
  return Object.fromEntries(
    (body.registered_model.aliases ?? []).map((a: any) => [a.alias, a.version]),
  );
}

async function sandboxWrites(): Promise<SandboxWrite[]> {
  return (await sandboxJson('/debug/requests')).writes;
}

/** A SeldonDeployment write, in words: the canary's weight, or which version stable serves without a canary. */
function describeSeldonWrite(body: string) {
  const predictors = JSON.parse(body).spec.predictors as Array<{
    name: string;
    traffic?: number;
    labels?: Record<string, string>;
  }>;
  const canary = predictors.find(p => p.name === 'canary');
  if (canary) {
    return `canary ${canary.traffic}%`;
  }
  const stable = predictors[0];
  return `stable v${stable.labels?.['mlops.backstage.io/model-version']} ${
    stable.traffic ?? 100
  }%`;
}

/** Records, in the scheduler's own table's database, every take and release of a task run, by replica. */
const TASK_RUNS_TRIGGER = `
CREATE TABLE IF NOT EXISTS replicas_test_task_runs (
  id bigserial PRIMARY KEY,
  task_id text NOT NULL,
  replica text NOT NULL,
  ticket text NOT NULL,
  event text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE OR REPLACE FUNCTION replicas_test_note_task_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.current_run_ticket IS DISTINCT FROM OLD.current_run_ticket THEN
    INSERT INTO replicas_test_task_runs (task_id, replica, ticket, event)
    VALUES (NEW.id, current_setting('application_name'),
            COALESCE(NEW.current_run_ticket, OLD.current_run_ticket),
            CASE WHEN NEW.current_run_ticket IS NULL THEN 'end' ELSE 'start' END);
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS replicas_test_task_runs ON backstage_backend_tasks__tasks;
CREATE TRIGGER replicas_test_task_runs AFTER UPDATE ON backstage_backend_tasks__tasks
  FOR EACH ROW EXECUTE FUNCTION replicas_test_note_task_run();
`;

describe('two backend replicas on one PostgreSQL', { timeout: 290_000 }, () => {
  const replicas: Replica[] = [];
  let db: Knex;
  let writesBefore = 0;
  /** The replica that was ticking the engine and is killed, and the one that carries on. */
  let a: Replica;
  let b: Replica;
  let rolloutId: string;
  let killedAt = 0;
  let bothReadyAt = 0;
  /** The replicas' own config files. */
  let dir = '';
  const figures: string[] = [];

  async function engineRuns(): Promise<EngineRun[]> {
    const rows = await db('replicas_test_task_runs')
      .where({ task_id: ENGINE_TASK })
      .orderBy('id')
      .select('replica', 'ticket', 'event', 'at');
    const runs = new Map<string, EngineRun>();
    for (const row of rows) {
      const at = new Date(row.at).getTime();
      if (row.event === 'start') {
        runs.set(row.ticket, { replica: row.replica, start: at });
      } else if (runs.has(row.ticket)) {
        Object.assign(runs.get(row.ticket)!, { end: at, endedBy: row.replica });
      }
    }
    return [...runs.values()];
  }

  before(async () => {
    const pg = process.env.MLOPS_PG_URL;
    assert.ok(
      pg,
      'MLOPS_PG_URL names the PostgreSQL server (scripts/replicas.sh sets it)',
    );
    for (const port of ports) {
      await assertPortFree(port);
    }
    fs.mkdirSync(runDir, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-replicas-'));
    writesBefore = (await sandboxWrites()).length;
    const started = Date.now();
    const knowsModel = (replica: Replica) =>
      waitFor(
        `${replica.name} to know ${MODEL} (catalog ingestion)`,
        async () =>
          (
            await api(
              replica,
              'GET',
              '/api/catalog/entities/by-name/model/default/fraud-detector',
            )
          ).status === 200 || undefined,
        120_000,
        1000,
      );
    // One after the other, as a rolling deployment starts them: on an empty database, two replicas starting at
    // once race each other's migrations (seen: the catalog's "Migration table is already locked", the
    // scheduler's tables created twice) and Backstage's startup fails.
    const first = startReplica('replica-1', ports[0], new URL(pg), dir);
    replicas.push(first);
    await waitReady(first);
    db = knexFactory({
      client: 'pg',
      connection: {
        connectionString: `${pg}/backstage_plugin_mlops`,
        application_name: 'replicas-test',
      },
    });
    await db.raw(TASK_RUNS_TRIGGER);
    const second = startReplica('replica-2', ports[1], new URL(pg), dir);
    replicas.push(second);
    // The first ingests the catalog while the second loads.
    await Promise.all([knowsModel(first), waitReady(second)]);
    await knowsModel(second);
    bothReadyAt = Date.now();
    figures.push(
      `both replicas ready ${((bothReadyAt - started) / 1000).toFixed(
        1,
      )} s after the first one's start (one after the other)`,
    );
  });

  after(async () => {
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
    await db?.destroy();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // eslint-disable-next-line no-console
    console.log(`\nTwo-replica figures:\n  ${figures.join('\n  ')}\n`);
  });

  it('lets one of two simultaneous promotions of an alias through and answers the other 409', async () => {
    assert.equal((await mlflowAliases()).challenger, '6', 'the seed');
    const request = {
      alias: 'challenger',
      version: '3',
      reason: 'the same move sent to both replicas at once',
    };
    const answers = await Promise.all(
      replicas.map(replica =>
        api(replica, 'POST', `${ENTITY_PATH}/promotions`, request),
      ),
    );
    assert.deepEqual(
      answers.map(x => x.status).sort(),
      [201, 409],
      JSON.stringify(answers.map(x => x.body)),
    );
    const refused = answers.find(x => x.status === 409)!;
    figures.push(
      `simultaneous promotions: 201 + 409 (${refused.body.error?.message})`,
    );
    assert.equal((await mlflowAliases()).challenger, '3');
    const history = await api(
      replicas[0],
      'GET',
      `${ENTITY_PATH}/promotions?alias=challenger`,
    );
    assert.deepEqual(
      history.body.items
        .filter((p: any) => p.state === 'completed')
        .map((p: any) => p.toVersion),
      ['3'],
    );
  });

  it('finishes on one replica a canary whose ticking replica is killed mid-rollout', async () => {
    // The replica that holds the engine's ticks is "A": killing it is what the other must survive.
    const ticker = await waitFor(
      'a completed rollout-engine tick',
      async () => {
        const done = (await engineRuns()).filter(
          r => r.end && r.start >= bothReadyAt,
        );
        return done[done.length - 1]?.replica;
      },
      30_000,
    );
    a = replicas.find(r => r.name === ticker)!;
    b = replicas.find(r => r.name !== ticker)!;
    figures.push(
      `${a.name} was ticking the engine, so it is A (killed); ${b.name} is B`,
    );

    const started = await api(a, 'POST', '/api/mlops/v1/rollouts', CANARY);
    assert.equal(started.status, 201, JSON.stringify(started.body));
    rolloutId = started.body.id;
    assert.ok(rolloutId, JSON.stringify(started.body));

    const inStep1 = await waitFor(
      'the canary to be in its first step (read through B)',
      async () => {
        const { body } = await api(
          b,
          'GET',
          `/api/mlops/v1/rollouts/${rolloutId}`,
        );
        assert.equal(body.state, 'Progressing', JSON.stringify(body));
        return body.stepIndex === 0 && body.stepStartedAt ? body : undefined;
      },
      60_000,
    );
    // Killed just after one of its ticks ends, A holds no run of the task: the scheduler's lease on a run
    // killed mid-tick only lapses at the task's timeout (2 min), which this test does not wait for.
    const aTickEnded = await waitFor(
      `a tick of ${a.name} to end after step 1 began`,
      async () => {
        const runs = await engineRuns();
        const last = runs[runs.length - 1];
        return last?.replica === a.name &&
          last.end &&
          last.end >= Date.parse(inStep1.stepStartedAt)
          ? last
          : undefined;
      },
      20_000,
      50,
    ).catch(() => undefined);
    const beforeKill = await api(
      b,
      'GET',
      `/api/mlops/v1/rollouts/${rolloutId}`,
    );
    assert.equal(
      beforeKill.body.stepIndex,
      0,
      'still in the first step when A dies',
    );
    const exited = new Promise(resolve => a.child.once('exit', resolve));
    killedAt = Date.now();
    a.child.kill('SIGKILL');
    await exited;
    figures.push(
      aTickEnded
        ? `A killed (SIGKILL) ${
            killedAt - aTickEnded.end!
          } ms after its last tick ended, canary at 10%`
        : `A killed (SIGKILL) without a tick of its own in the 20 s after step 1 began`,
    );

    const firstSave = await waitFor(
      "B's first save of the rollout after A's death",
      async () => {
        const { body } = await api(
          b,
          'GET',
          `/api/mlops/v1/rollouts/${rolloutId}`,
        );
        return Date.parse(body.updatedAt) > killedAt ? body : undefined;
      },
      60_000,
      100,
    );
    const failoverMs = Date.parse(firstSave.updatedAt) - killedAt;
    const bFirstTick = (await engineRuns()).find(r => r.start >= killedAt);
    assert.equal(bFirstTick?.replica, b.name);
    figures.push(
      `failover: ${(failoverMs / 1000).toFixed(
        1,
      )} s from A's death to B's next decision on the rollout ` +
        `(B took the engine's next tick after ${(
          (bFirstTick!.start - killedAt) /
          1000
        ).toFixed(1)} s; ` +
        `goal < ${(2 * SCHEDULER_INTERVAL_MS) / 1000} s: ${
          failoverMs < 2 * SCHEDULER_INTERVAL_MS ? 'met' : 'MISSED'
        })`,
    );
    // The scheduler's bound when the dead replica held no run: one interval until the next run is due, one
    // work check until a survivor polls, plus the tick itself.
    assert.ok(
      failoverMs < 3 * SCHEDULER_INTERVAL_MS,
      `failover took ${failoverMs} ms`,
    );

    const done = await waitFor(
      'B to finish the canary',
      async () => {
        const { body } = await api(
          b,
          'GET',
          `/api/mlops/v1/rollouts/${rolloutId}`,
        );
        return body.state !== 'Progressing' ? body : undefined;
      },
      150_000,
      500,
    );
    assert.equal(done.state, 'Succeeded', done.stateReason);
    assert.equal((await mlflowAliases()).champion, '6');
    figures.push(
      `canary: ${(
        (Date.parse(done.updatedAt) - Date.parse(done.createdAt)) /
        1000
      ).toFixed(1)} s from start to Succeeded`,
    );

    // Every decision once, whichever replica made it.
    const transitions = done.events.flatMap((e: any) =>
      e.type === 'transition' ? [`${e.stepIndex}: ${e.reason}`] : [],
    );
    assert.deepEqual(transitions, [
      '0: started: v4 → v6',
      '0: step 1: canary at 10%',
      '0: step 1 passed its analysis',
      '1: step 2: canary at 50%',
      '1: step 2 passed its analysis',
      '2: step 3: canary at 100%',
      '2: all steps passed their analysis',
    ]);
    const measured = done.events
      .flatMap((e: any) =>
        e.type === 'measurement' ? [`${e.stepIndex} ${e.metric}`] : [],
      )
      .sort();
    const expected = [0, 1, 2]
      .flatMap(step =>
        done.analysis.flatMap((metric: string) => [
          `${step} ${metric}`,
          `${step} ${metric}`,
        ]),
      )
      .sort();
    assert.deepEqual(measured, expected);
  });

  it("changed the canary's traffic once per step and moved each alias once", async () => {
    assert.ok(rolloutId, 'needs the canary above');
    const writes = (await sandboxWrites()).slice(writesBefore);
    const ok = (w: SandboxWrite) => w.status >= 200 && w.status < 300;
    const seldon = writes.filter(w => w.path === SELDON_PATH);
    const refusedSeldon = seldon.filter(w => !ok(w));
    const traffic = seldon.filter(ok).map(w => describeSeldonWrite(w.body!));
    // Steps 10 → 50 → 100, then the finish: all traffic to the candidate (again) and the candidate made stable.
    assert.deepEqual(traffic, [
      'canary 10%',
      'canary 50%',
      'canary 100%',
      'canary 100%',
      'stable v6 100%',
    ]);
    const afterKill = seldon.filter(
      w => ok(w) && Date.parse(w.at) > killedAt,
    ).length;
    const aliasMoves = writes
      .filter(w => w.path === ALIAS_PATH && ok(w))
      .map(w => {
        const { alias, version } = JSON.parse(w.body!);
        return `${alias} → ${version}`;
      });
    assert.deepEqual(aliasMoves, ['challenger → 3', 'champion → 6']);
    // Anything else the replicas wrote (none expected in this run) is shown, not judged.
    const otherWrites = writes
      .filter(w => w.path !== SELDON_PATH && w.path !== ALIAS_PATH)
      .map(w => `${w.method} ${w.path} ${w.status}`);
    figures.push(
      `writes at the sandbox: SeldonDeployment ${traffic.join(
        ', ',
      )} (${afterKill} of them by B after A's death, ` +
        `${
          refusedSeldon.length
        } refused with a conflict and retried); MLflow aliases ${aliasMoves.join(
          ', ',
        )}; ` +
        `other writes: ${otherWrites.length ? otherWrites.join(', ') : 'none'}`,
    );
  });

  it("ran the engine's ticks on one replica at a time", async () => {
    assert.ok(killedAt, 'needs the canary above');
    const runs = await engineRuns();
    const done = runs.filter(r => r.end !== undefined);
    assert.ok(done.length >= 5, `${done.length} ticks recorded`);
    for (const run of done) {
      assert.equal(
        run.endedBy,
        run.replica,
        'a run is given back by the replica that took it',
      );
    }
    const byStart = [...runs].sort((x, y) => x.start - y.start);
    for (let i = 1; i < byStart.length; i++) {
      const previous = byStart[i - 1];
      assert.ok(
        previous.end !== undefined && previous.end <= byStart[i].start,
        `${byStart[i].replica}'s tick at ${new Date(
          byStart[i].start,
        ).toISOString()} began while ` +
          `${previous.replica}'s (from ${new Date(
            previous.start,
          ).toISOString()}) was still running`,
      );
    }
    const count = (name: string, from: number, to: number) =>
      runs.filter(r => r.replica === name && r.start >= from && r.start < to)
        .length;
    const beforeKill = replicas.map(
      r => `${r.name} ${count(r.name, 0, killedAt)}`,
    );
    const afterKill = replicas.map(
      r => `${r.name} ${count(r.name, killedAt, Infinity)}`,
    );
    assert.ok(count(a.name, 0, killedAt) > 0, 'A ticked before its death');
    assert.equal(
      count(a.name, killedAt, Infinity),
      0,
      'nothing ticks on a dead replica',
    );
    assert.ok(count(b.name, killedAt, Infinity) > 0, 'B took over the ticks');
    const longest = Math.max(...done.map(r => r.end! - r.start));
    figures.push(
      `engine ticks (from the scheduler table's trigger): ${done.length} runs, none overlapping; ` +
        `before A's death ${beforeKill.join(', ')}; after ${afterKill.join(
          ', ',
        )}; longest tick ${longest} ms`,
    );
  });
});
