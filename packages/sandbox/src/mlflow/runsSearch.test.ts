import express from 'express';
import request from 'supertest';
import { MlflowFake } from './MlflowFake';
import { mlflowRouter } from './mlflowRouter';

describe('the MLflow stand-in: POST /runs/search over HTTP', () => {
  let fake: MlflowFake;
  let app: express.Express;
  let runIds: string[];

  const search = (body: unknown) =>
    request(app)
      .post('/api/2.0/mlflow/runs/search')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const idsOf = (res: request.Response) =>
    (res.body.runs ?? []).map((r: any) => r.info.run_id);

  beforeEach(() => {
    fake = new MlflowFake();
    fake.createRegisteredModel('m');
    runIds = [0, 1, 2, 3].map(i =>
      fake.runIdOf(
        'm',
        fake.addVersion('m', {
          metrics: { auc: 0.9 + i / 100 },
          params: { depth: String(i) },
          createdAt: Date.UTC(2026, 0, 1 + i),
          userId: i % 2 ? 'alice' : 'bob',
          experimentId: i === 3 ? '2' : '1',
        }),
      ),
    );
    app = express().use(mlflowRouter(fake));
  });

  it('finds runs by id in the given experiments, newest first, with info and latest metrics', async () => {
    const res = await search({
      experiment_ids: ['1'],
      filter: `attributes.run_id IN ('${runIds[0]}', '${runIds[2]}', '${runIds[3]}')`,
    });
    expect(res.status).toBe(200);
    // runIds[3] is in experiment 2.
    expect(idsOf(res)).toEqual([runIds[2], runIds[0]]);
    expect(res.body.runs[0]).toMatchObject({
      info: { run_id: runIds[2], experiment_id: '1', status: 'FINISHED' },
      data: { metrics: [expect.objectContaining({ key: 'auc', value: 0.92 })] },
    });
    expect(res.body.next_page_token).toBeUndefined();
  });

  it.each([
    [`run_id = '__RUN0__'`, [0]],
    [`attributes.run_id NOT IN ('__RUN0__')`, [2, 1]],
    [`metrics.auc >= 0.91 and params.depth != '2'`, [1]],
    [`tags."mlflow.user" = 'alice'`, [1]],
    [`tags.\`mlflow.user\` LIKE 'b%' AND metrics.auc < 1`, [2, 0]],
    [`attributes.run_name ILIKE 'M-TRAIN-%'`, [2, 1, 0]],
    [`   `, [2, 1, 0]],
  ])('filters with %s', async (filter, expected) => {
    const res = await search({
      experiment_ids: ['1'],
      filter: filter.replace('__RUN0__', runIds[0]),
    });
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual(expected.map(i => runIds[i]));
  });

  it.each([
    `attributes.run_id IN ('a', 'b'`,
    `attributes.run_id IN ()`,
    `attributes.run_id IN ('a' 'b')`,
    `attributes.run_id IN ("a", "b")`,
    `params.depth IN ('1')`,
    `attributes.run_id = 'a' OR attributes.run_id = 'b'`,
    `attributes.run_id = 'a' AND`,
    `attributes.run_id = 'a'; attributes.run_id = 'b'`,
    `attributes.experiment_id = '1'`,
    `metric.auc > 'high'`,
    `params.depth = 2`,
    `params.depth > '1'`,
    `attributes.start_time = 'yesterday'`,
    `foo.bar = 'x'`,
    `attributes.run_id = 'unterminated`,
    `run_id`,
  ])(
    'refuses the malformed filter %s with INVALID_PARAMETER_VALUE',
    async filter => {
      const res = await search({ experiment_ids: ['1'], filter });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error_code: 'INVALID_PARAMETER_VALUE',
        message: expect.any(String),
      });
    },
  );

  it('finds nothing without experiment ids, and refuses malformed parameters', async () => {
    const none = await search({ filter: `run_id = '${runIds[0]}'` });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({});
    for (const body of [
      { experiment_ids: '1' },
      { experiment_ids: ['1'], max_results: 50001 },
      { experiment_ids: ['1'], max_results: 'ten' },
      { experiment_ids: ['1'], run_view_type: 'SOME' },
      { experiment_ids: ['1'], page_token: 'not base64!' },
      {
        experiment_ids: ['1'],
        page_token: Buffer.from('{"offset": 0}').toString('base64'),
      },
    ]) {
      const res = await search(body);
      expect([JSON.stringify(body), res.status, res.body.error_code]).toEqual([
        JSON.stringify(body),
        400,
        'INVALID_PARAMETER_VALUE',
      ]);
    }
  });

  it('pages as the SQL store does: every full page carries a token', async () => {
    const first = await search({ experiment_ids: ['1', '2'], max_results: 2 });
    expect(idsOf(first)).toEqual([runIds[3], runIds[2]]);
    const second = await search({
      experiment_ids: ['1', '2'],
      max_results: 2,
      page_token: first.body.next_page_token,
    });
    expect(idsOf(second)).toEqual([runIds[1], runIds[0]]);
    expect(second.body.next_page_token).toBeTruthy();
    const third = await search({
      experiment_ids: ['1', '2'],
      max_results: 2,
      page_token: second.body.next_page_token,
    });
    expect(third.body).toEqual({});
  });

  it('shows deleted runs only when asked, and forgets purged ones', async () => {
    fake.deleteRun(runIds[0]);
    fake.purgeRun(runIds[1]);
    const active = await search({ experiment_ids: ['1'] });
    expect(idsOf(active)).toEqual([runIds[2]]);
    const deleted = await search({
      experiment_ids: ['1'],
      run_view_type: 'DELETED_ONLY',
    });
    expect(idsOf(deleted)).toEqual([runIds[0]]);
    expect(deleted.body.runs[0].info.lifecycle_stage).toBe('deleted');
    const all = await search({ experiment_ids: ['1'], run_view_type: 'ALL' });
    expect(idsOf(all)).toEqual([runIds[2], runIds[0]]);
  });

  it('needs a JSON body, as MLflow does on POST', async () => {
    const res = await request(app)
      .post('/api/2.0/mlflow/runs/search')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('experiment_ids=1');
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('BAD_REQUEST');
  });
});
