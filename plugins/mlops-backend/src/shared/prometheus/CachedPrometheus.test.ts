import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PrometheusClient } from './PrometheusClient';
import { memoryCache } from '../../__testUtils__/memoryCache';
import { CachedPrometheus } from './CachedPrometheus';

const PROM = 'http://prometheus.test:9090';
const server = setupServer();
registerMswTestHooks(server);

/* Many viewers, one query: coalescing and the cache in front of a Prometheus that answers in its wire format. */
describe('CachedPrometheus', () => {
  let received: string[];
  beforeEach(() => {
    received = [];
    server.use(
      http.post(`${PROM}/api/v1/query`, async ({ request }) => {
        const query = new URLSearchParams(await request.text()).get('query')!;
        received.push(query);
        await new Promise(resolve => setTimeout(resolve, 20));
        if (query === 'broken(') {
          return HttpResponse.json(
            {
              status: 'error',
              errorType: 'bad_data',
              error: 'parse error: unexpected end of input',
            },
            { status: 400 },
          );
        }
        return HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: {}, value: [1764200000.5, '42'] }],
          },
        });
      }),
    );
  });
  const client = new PrometheusClient({ name: 'test', baseUrl: PROM });

  it('sends one request for many concurrent identical queries, and serves repeats from the cache', async () => {
    const real = new CachedPrometheus(memoryCache());
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => real.query(client, 'up')),
    );
    expect(answers.every(a => a[0].value === 42)).toBe(true);
    expect(received).toEqual(['up']);
    await real.query(client, 'up');
    expect(received).toEqual(['up']);
    await real.query(client, 'sum(up)');
    expect(received).toEqual(['up', 'sum(up)']);
    expect(real.upstreamCalls).toBe(2);
  });

  it('does not cache failures', async () => {
    const real = new CachedPrometheus(memoryCache());
    await expect(real.query(client, 'broken(')).rejects.toThrow(
      "Prometheus instance 'test' query failed: HTTP 400 bad_data - parse error: unexpected end of input",
    );
    await expect(real.query(client, 'broken(')).rejects.toThrow();
    expect(received).toEqual(['broken(', 'broken(']);
  });
});
