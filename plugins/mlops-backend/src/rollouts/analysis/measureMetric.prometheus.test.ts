import { createSandboxApp, startPrometheus } from '@mlops-portal/sandbox';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { sandboxClusters } from '../../__testUtils__/sandboxClusters';
import {
  SELDON_V1_ANALYSIS,
  SeldonV1TrafficRouter,
} from '@mlops-portal/plugin-mlops-backend-module-seldon';
import { measureMetric } from './measureMetric';

jest.setTimeout(90_000);

/*
 * Canary analysis against a real Prometheus scraping the sandbox's Seldon metrics, with traffic shifted through
 * the Seldon router: a healthy canary measures Successful, a bad one Failed, no traffic Inconclusive, and a
 * stopped Prometheus Error.
 */
describe('canary measurements on a real Prometheus', () => {
  let sandbox: Server;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let client: PrometheusClient;
  let sandboxUrl: string;
  const [errorRate, p99] = SELDON_V1_ANALYSIS;
  const target = {
    namespace: 'fraud',
    deployment: 'fraud-detector',
    canaryPredictor: 'canary',
    stablePredictor: 'stable',
    window: '5s',
  };
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

  beforeAll(async () => {
    sandbox = createSandboxApp({ trafficTickMs: 100 }).listen(0, '127.0.0.1');
    await new Promise(resolve => sandbox.once('listening', resolve));
    const port = (sandbox.address() as AddressInfo).port;
    sandboxUrl = `http://127.0.0.1:${port}`;
    const clusters = sandboxClusters(`${sandboxUrl}/kubernetes`);
    await new SeldonV1TrafficRouter(clusters).setCanary(
      { cluster: 'sandbox', namespace: 'fraud', name: 'fraud-detector' },
      { version: '6', modelUri: 'mlflow-artifacts:/1/run6/artifacts/model' },
      25,
      { claim: { rolloutId: 'measure-test', instanceId: 'test' } },
    );
    prometheus = await startPrometheus(
      `127.0.0.1:${port}`,
      '/model-metrics/metrics',
    );
    client = new PrometheusClient({
      name: 'test',
      baseUrl: prometheus.url,
      timeoutMs: 2000,
    });
    // Wait for a rate window of canary traffic.
    for (let i = 0; i < 60; i++) {
      const samples = await client
        .query(
          'count_over_time(seldon_api_executor_server_requests_seconds_count{predictor_name="canary",code="200"}[10s])',
        )
        .catch(() => []);
      if ((samples[0]?.value ?? 0) >= 6) {
        break;
      }
      await sleep(500);
    }
  });

  afterAll(async () => {
    await prometheus?.stop();
    await new Promise(resolve => sandbox?.close(resolve));
  });

  it('measures a healthy canary as Successful, against absolute and stable-relative bounds', async () => {
    const rate = await measureMetric(errorRate, target, client);
    expect(rate).toMatchObject({ phase: 'Successful', metric: 'error-rate' });
    expect(rate.value).toBeLessThan(0.02);
    expect(rate.stableValue).toBeDefined();
    const latency = await measureMetric(p99, target, client);
    expect(latency.phase).toBe('Successful');
    expect(latency.value).toBeLessThan(0.25);
  });

  it('measures a predictor without traffic as Inconclusive', async () => {
    const none = await measureMetric(
      errorRate,
      { ...target, canaryPredictor: 'absent' },
      client,
    );
    expect(none).toMatchObject({
      phase: 'Inconclusive',
      message: expect.stringMatching(/no samples/),
    });
  });

  it('measures a canary gone bad as Failed', async () => {
    await fetch(`${sandboxUrl}/model-metrics/canary`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ healthy: false }),
    });
    await sleep(7000);
    const rate = await measureMetric(errorRate, target, client);
    expect(rate.phase).toBe('Failed');
    expect(rate.value).toBeGreaterThan(0.1);
    const latency = await measureMetric(p99, target, client);
    expect(latency.phase).toBe('Failed');
  });

  it('records an Error naming Prometheus when it is down', async () => {
    await prometheus.stop();
    const down = await measureMetric(errorRate, target, client);
    expect(down).toMatchObject({ phase: 'Error' });
    expect(down.message).toMatch(
      /^Prometheus instance 'test' query failed: unreachable/,
    );
  });

  it('records an Error when the Model names no configured Prometheus', async () => {
    const none = await measureMetric(errorRate, target, () => {
      throw new Error("No Prometheus instance named 'ops' is configured");
    });
    expect(none).toMatchObject({
      phase: 'Error',
      message: "Error: No Prometheus instance named 'ops' is configured",
    });
  });
});
