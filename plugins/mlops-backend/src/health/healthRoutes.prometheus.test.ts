import {
  mockCredentials,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import {
  localPassthrough,
  MlflowFake,
  mlflowHandlers,
  sandboxRulesFile,
  seedMlflow,
  startPrometheus,
} from '@mlops-portal/sandbox';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { closedPort } from '../__testUtils__/closedPort';
import { sandboxClusterConfig } from '../__testUtils__/sandboxClusters';
import { ServedSandbox, serveSandbox } from '../__testUtils__/serveSandbox';
import { startFeastStandIn } from '../__testUtils__/startFeastStandIn';
import {
  AMIRA,
  JONAS,
  startMlopsBackend,
} from '../__testUtils__/startMlopsBackend';
import { waitFor } from '../__testUtils__/waitFor';
import {
  churn,
  churnOnline,
  customerTransactions,
  fraud,
  gated,
  transactionsView,
} from './__testUtils__/monitoredModels';

jest.setTimeout(180_000);

// MLflow (for the champion promotion) is the sandbox's fake through msw; everything local passes through.
const mlflow = new MlflowFake();
seedMlflow(mlflow);
const server = setupServer(localPassthrough, ...mlflowHandlers(mlflow));
registerMswTestHooks(server);

/*
 * Model health end to end: the sandbox's Seldon traffic and feature histograms, scraped every second by a real
 * Prometheus (Debian's) that also evaluates the sandbox's alert rules, read through the backend's health routes.
 */
describe('model health on a real Prometheus', () => {
  let sandbox: ServedSandbox;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let backend: Awaited<ReturnType<typeof startMlopsBackend>>;

  // Feast's registry stand-in, its views as the sandbox seeds them (customer_transactions fresh, TTL 6 h).
  let feast: Awaited<ReturnType<typeof startFeastStandIn>>;
  const hour = 3_600_000;

  const startBackend = (prometheusUrl: string) =>
    startMlopsBackend({
      entities: [fraud, gated, churn, churnOnline, transactionsView],
      mlopsConfig: {
        prometheus: {
          instances: [
            { name: 'default', baseUrl: prometheusUrl, timeoutMs: 2000 },
          ],
        },
        health: { window: '10s', driftWindow: '15s', cacheSeconds: 1 },
        feast: {
          instances: [{ name: 'default', baseUrl: feast.url, timeoutMs: 2000 }],
        },
      },
      config: { kubernetes: sandboxClusterConfig(`${sandbox.url}/kubernetes`) },
    });
  const setDrift = async (drifted: boolean) => {
    const res = await fetch(`${sandbox.url}/model-metrics/drift`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ drifted }),
    });
    expect(res.status).toBe(200);
  };

  // One sandbox and one Prometheus for the file; each test gets its own backend (its own database, so its own
  // drift reference and history) and the sandbox's inputs unshifted, so no test depends on another's order.
  beforeAll(async () => {
    feast = await startFeastStandIn();
    sandbox = await serveSandbox({ trafficTickMs: 100 });
    prometheus = await startPrometheus(
      new URL(sandbox.url).host,
      '/model-metrics/metrics',
      { ruleFiles: [sandboxRulesFile()] },
    );
    // Enough scrapes for a 10 s rate window: the simulated traffic shows at its rate.
    await waitFor(
      () =>
        fetch(
          `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
            'count_over_time(sandbox_up[10s])',
          )}`,
        ).then(r => r.json()),
      (answer: any) => Number(answer.data?.result?.[0]?.value?.[1] ?? 0) >= 9,
    );
  });

  beforeEach(async () => {
    await setDrift(false);
    feast.fake.applyFeatureView('fraud', customerTransactions([12 * 60_000]));
    backend = await startBackend(prometheus.url);
  });

  afterEach(async () => {
    await backend?.stop();
  });

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.close();
    await feast?.stop();
  });

  const health = async (name: string) => {
    const res = await request(backend.server)
      .get(`/api/mlops/v1/entities/model/default/${name}/health`)
      .set('Authorization', mockCredentials.user.header(AMIRA));
    expect(res.status).toBe(200);
    return res.body;
  };

  it("reports traffic, errors and latency per predictor with its version, and drift against the champion's training run", async () => {
    const body = await health('fraud-detector');
    expect(body.sources).toEqual([
      { name: 'alerts', ok: true },
      { name: 'drift', ok: true },
      { name: 'inputs', ok: true },
      { name: 'metrics', ok: true },
      { name: 'serving', ok: true },
    ]);
    expect(body.inputs).toEqual([
      {
        featureView: 'featureview:default/customer-transactions',
        stale: false,
        ageSeconds: expect.any(Number),
        ttlSeconds: 6 * 3600,
      },
    ]);
    expect(body.servingMode).toBe('online');
    expect(body.predictors).toHaveLength(1);
    const [stable] = body.predictors;
    expect(stable).toMatchObject({ predictor: 'stable', version: '4' });
    // 40 requests per second of simulated traffic, less when the timers run late on a busy machine.
    expect(stable.requestsPerSecond).toBeGreaterThan(10);
    expect(stable.requestsPerSecond).toBeLessThan(50);
    expect(stable.errorRate).toBeGreaterThan(0);
    expect(stable.errorRate).toBeLessThan(0.01);
    expect(stable.latency.p50).toBeLessThan(stable.latency.p99);
    expect(stable.latency.p99).toBeLessThan(0.25);
    expect(body.alerts).toEqual([]);
    // The sandbox's MLflow serves v4's drift/reference.json: the training rows differ a little from today's.
    expect(body.drift).toMatchObject({
      source: 'histograms',
      verdict: 'stable',
    });
    expect(body.drift.reference).toEqual({
      source: 'training-run',
      version: '4',
      capturedAt: expect.any(String),
      reason:
        "the distributions logged with v4's training run (drift/reference.json)",
    });
    // The features of the feature views the Model reads (examples/fraud-detection.yaml).
    expect(
      body.drift.features.map((f: any) => `${f.feature} ${f.method}`),
    ).toEqual([
      'chargeback_rate_30d wasserstein',
      'distinct_merchants_7d wasserstein',
      'home_country_mismatch jensenshannon',
      'merchant_category_code jensenshannon',
      'merchant_risk_score wasserstein',
      'txn_amount_sum_24h wasserstein',
      'txn_count_1h wasserstein',
    ]);
    // Not today's data against itself: every score is above zero, and below its threshold.
    for (const feature of body.drift.features) {
      expect(feature.score).toBeGreaterThan(0);
      expect(feature.score).toBeLessThan(feature.threshold);
    }
    expect(body).toMatchObject({ status: 'ok', reasons: [] });
  });

  it('sees four of seven features drift after the inputs shift, and turns the status amber', async () => {
    await setDrift(true);
    const body = await waitFor(
      () => health('fraud-detector'),
      b => b.drift.verdict === 'drifted',
    );
    expect(body.drift.verdict).toBe('drifted');
    expect(
      body.drift.features
        .filter((f: any) => f.drifted)
        .map((f: any) => f.feature),
    ).toEqual([
      'home_country_mismatch',
      'merchant_category_code',
      'txn_amount_sum_24h',
      'txn_count_1h',
    ]);
    expect(body.drift.share).toBe(4 / 7);
    // One drift window later, the trend holds an earlier window's score (before or during the shift) and ends
    // with the current one.
    const amountOf = (b: any) =>
      b.drift.features.find((f: any) => f.feature === 'txn_amount_sum_24h');
    const later = await waitFor(
      () => health('fraud-detector'),
      b =>
        amountOf(b).trend.length >= 2 &&
        amountOf(b).trend[0] < amountOf(b).score,
    );
    const amount = amountOf(later);
    expect(amount.trend.at(-1)).toBe(amount.score);
    expect(amount.trend.length).toBeGreaterThanOrEqual(2);
    expect(amount.trend.length).toBeLessThanOrEqual(6);
    expect(amount.trend[0]).toBeLessThan(amount.score);
    expect(body.status).toBe('warning');
    expect(body.reasons).toContain(
      'input drift: home_country_mismatch, merchant_category_code, txn_amount_sum_24h, txn_count_1h (57.14% of features)',
    );
  });

  it("counts a stale input and a live figure breaking the model's own gate as warnings, with the reason", async () => {
    // Feast last materialized the view 7 hours ago; its TTL is 6 hours.
    feast.fake.applyFeatureView('fraud', customerTransactions([7 * hour]));
    const body = await health('fraud-gated');
    expect(body.inputs).toEqual([
      {
        featureView: 'featureview:default/customer-transactions',
        stale: true,
        ageSeconds: expect.any(Number),
        ttlSeconds: 6 * 3600,
      },
    ]);
    expect(body.status).toBe('warning');
    expect(body.reasons).toContain(
      'input customer-transactions is stale: 7 h old, TTL 6 h',
    );
    const breaches = body.reasons.filter((r: string) => r.startsWith('live '));
    // Only the p95 gate breaks (p99 is under 500 ms), and the number shown is the live p95 in ms.
    expect(breaches).toEqual([
      `live p95 latency ${Math.round(
        body.predictors[0].latency.p95 * 1000,
      )} ms on stable (v4) breaks the gate ≤ 50 ms`,
    ]);
    expect(body.predictors[0].latency.p95).toBeGreaterThan(0.05);
  });

  it('names a feature view Feast cannot answer for, without counting it as stale', async () => {
    feast.fake.deleteFeatureView('fraud', 'customer_transactions');
    const body = await health('fraud-detector');
    expect(body.sources).toContainEqual({
      name: 'inputs',
      ok: false,
      error: expect.stringMatching(
        /^featureview:default\/customer-transactions: Feast registry 'default' has no feature view 'customer_transactions'/,
      ),
    });
    // Listed, not judged: an input that cannot be read is not a stale one.
    const aboutInputs = (r: string) =>
      /^input \S+ (is stale|freshness unknown)/.test(r);
    expect(body.reasons.filter(aboutInputs)).toEqual([
      expect.stringMatching(
        /^input customer-transactions freshness unknown: Feast registry 'default' has no feature view/,
      ),
    ]);
    expect(body.inputs).toEqual([
      {
        featureView: 'featureview:default/customer-transactions',
        error: expect.stringMatching(
          /^Feast registry 'default' has no feature view/,
        ),
      },
    ]);
  });

  it('measures a new champion without a training reference against its first window live, warning until then', async () => {
    const requested = await request(backend.server)
      .post('/api/mlops/v1/entities/model/default/fraud-detector/promotions')
      .set('Authorization', mockCredentials.user.header(AMIRA))
      .send({
        alias: 'champion',
        version: '6',
        reason: 'retrained on shifted inputs',
      });
    expect(requested.body.state).toBe('pending_approval');
    const approved = await request(backend.server)
      .post(`/api/mlops/v1/promotions/${requested.body.id}/approve`)
      .set('Authorization', mockCredentials.user.header(JONAS))
      .send({ comment: 'looks right' });
    expect(approved.body.state).toBe('completed');
    // v6's training run logged no drift reference (the sandbox's MLflow has one for v4 only), and its first
    // 15 s as champion have not passed: the first look, with a warning that says so.
    const waiting = await waitFor(
      () => health('fraud-detector'),
      b => b.drift.reference?.version === '6',
      10,
    );
    expect(waiting.drift.reference).toMatchObject({
      source: 'first-look',
      version: '6',
      reason: 'first look at the model: its current distributions',
    });
    expect(waiting.drift.reference.warning).toMatch(
      /^Drift is measured against the first distributions the portal saw .*: v6's training run logged no drift\/reference\.json; the 15s after v6 became champion ends at \S+, and becomes the reference then\.$/,
    );
    const live = await waitFor(
      () => health('fraud-detector'),
      b => b.drift.reference?.source === 'after-promotion',
    );
    expect(live.drift.reference).toEqual({
      source: 'after-promotion',
      version: '6',
      capturedAt: expect.any(String),
      reason: `the 15s after v6 became champion (promotion ${requested.body.id})`,
    });
    expect(
      Date.parse(live.drift.reference.capturedAt) -
        Date.parse(approved.body.completedAt),
    ).toBe(15_000);
  });

  it('reads exported drift gauges of a batch model as they are, lists the firing alert labelled with it, and does not miss its traffic', async () => {
    const body = await waitFor(
      () => health('churn-predictor'),
      b => b.alerts.some((a: any) => a.state === 'firing'),
      30,
    );
    expect(body.alerts).toEqual([
      expect.objectContaining({
        name: 'ModelFeatureDrift',
        state: 'firing',
        severity: 'warning',
        summary: 'Feature logins_30d drifted (PSI 0.27)',
      }),
    ]);
    expect(body.drift).toMatchObject({ source: 'gauges', verdict: 'stable' });
    expect(body.drift.features[0].trend.at(-1)).toBe(0.27);
    expect(
      body.drift.features.map((f: any) => [
        f.feature,
        f.method,
        f.score,
        f.drifted,
      ]),
    ).toEqual([
      ['logins_30d', 'psi', 0.27, true],
      ['plan', 'jensenshannon', 0.03, false],
      ['support_tickets_90d', 'psi', 0.06, false],
      ['tenure_days', 'psi', 0.04, false],
    ]);
    expect(body.status).toBe('warning');
    // Scored in runs: no traffic read, none missed.
    expect(body.servingMode).toBe('batch');
    expect(body.predictors).toEqual([]);
    expect(body.sources.map((s: any) => s.name)).toEqual(['alerts', 'drift']);
    expect(body.reasons[0]).toMatch(/^alert ModelFeatureDrift firing: /);
    expect(body.reasons).not.toContain(
      'no traffic in the window: nothing to judge',
    );
    // The same model served online has no traffic in the sandbox, which is worth saying.
    const online = await health('churn-online');
    expect(online.reasons).toContain(
      'no traffic in the window: nothing to judge',
    );
  });

  it('serves series for charts and refuses metrics and ranges off its lists', async () => {
    const res = await request(backend.server)
      .get('/api/mlops/v1/entities/model/default/fraud-detector/health/series')
      .query({ metric: 'requestsPerSecond', range: '15m' })
      .set('Authorization', mockCredentials.user.header(AMIRA));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      metric: 'requestsPerSecond',
      stepSeconds: 15,
    });
    expect(res.body.series).toEqual([
      expect.objectContaining({ predictor: 'stable', version: '4' }),
    ]);
    expect(res.body.series[0].points.length).toBeGreaterThan(0);
    const bad = await request(backend.server)
      .get('/api/mlops/v1/entities/model/default/fraud-detector/health/series')
      .query({ metric: 'up or vector(1)', range: '1y' })
      .set('Authorization', mockCredentials.user.header(AMIRA));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Invalid query: metric: .*; range: /,
    );
  });

  it('answers with what it has and says "unknown" when Prometheus is down', async () => {
    // Prometheus is gone: its port refuses connections.
    const port = await closedPort();
    await backend.stop();
    backend = await startBackend(`http://127.0.0.1:${port}`);
    const body = await health('fraud-detector');
    expect(body.status).toBe('unknown');
    expect(
      body.sources.filter((s: any) => !s.ok).map((s: any) => s.name),
    ).toEqual(['alerts', 'drift', 'metrics']);
    expect(body.sources.find((s: any) => s.name === 'metrics').error).toMatch(
      /^Prometheus instance 'default' query failed: unreachable/,
    );
    expect(body.predictors).toEqual([]);
    expect(body.reasons[0]).toMatch(/^metrics unavailable: /);
  });
});
