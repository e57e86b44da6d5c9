import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Knex } from 'knex';
import { api } from './portalClient';
import {
  Replica,
  assertPortFree,
  killReplica,
  runDir,
  startReplica,
  stopReplicas,
  waitReady,
} from './replicaProcesses';
import {
  ALIAS_PATH,
  SELDON_PATH,
  SandboxWrite,
  describeSeldonWrite,
  mlflowAliases,
  sandboxWrites,
} from './sandboxClient';
import { recordTaskRuns, taskRuns } from './taskRuns';
import { waitFor } from './waitFor';

/*
 * Two real `packages/backend` processes of one portal on one PostgreSQL, one sandbox and one Prometheus
 * (scripts/replicas.sh starts those three and runs this file). Each replica connects to PostgreSQL under its
 * own application_name, and a trigger the test adds to the rollout plugin's scheduler table records which
 * replica took and gave back each run of the rollout engine's task: the database's own account of who ticked.
 * The sandbox lists every write it answered (GET /debug/requests), so traffic changes and alias moves are
 * counted where they land.
 */

const ports = [
  Number(process.env.MLOPS_REPLICA_1_PORT ?? 7021),
  Number(process.env.MLOPS_REPLICA_2_PORT ?? 7022),
];
const MODEL = 'model:default/fraud-detector';
const ENTITY_PATH = '/api/mlops/v1/entities/model/default/fraud-detector';
const ENGINE_TASK = 'mlops-rollout-engine';
const SCHEDULER_INTERVAL_MS = 5_000;

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

  const engineRuns = () => taskRuns(db, ENGINE_TASK);

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
    db = await recordTaskRuns(pg);
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
    await stopReplicas(replicas);
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
    killedAt = Date.now();
    await killReplica(a);
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
