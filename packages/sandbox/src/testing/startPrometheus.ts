import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const PROMETHEUS_BINARY =
  process.env.PROMETHEUS_BINARY ?? '/usr/bin/prometheus';

/** A loopback port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * TEST HARNESS: starts Debian's Prometheus on 127.0.0.1, scraping `target` (host:port) at `metricsPath` every
 * second, with a throwaway data directory, evaluating `ruleFiles` every second. With `honorLabels` the exported
 * labels stay as they are, `namespace` included (in a cluster the scrape adds it from the pod). scripts/test.sh
 * installs the package when it is missing.
 */
export async function startPrometheus(
  target: string,
  metricsPath: string,
  options: { ruleFiles?: string[]; honorLabels?: boolean } = {},
) {
  if (!existsSync(PROMETHEUS_BINARY)) {
    throw new Error(
      `${PROMETHEUS_BINARY} is missing: apt-get install prometheus (scripts/test.sh does)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'mlops-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      ...(options.ruleFiles?.length
        ? ['rule_files:', ...options.ruleFiles.map(f => `  - ${f}`)]
        : []),
      'scrape_configs:',
      '  - job_name: models',
      `    metrics_path: ${metricsPath}`,
      ...(options.honorLabels ? ['    honor_labels: true'] : []),
      `    static_configs: [{ targets: ['${target}'] }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`${url}/-/ready`)
      .then(r => r.ok)
      .catch(() => false);
    if (ready) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sandbox's demo alerting rules (packages/sandbox/prometheus/sandbox-rules.yml). */
export function sandboxRulesFile(): string {
  return join(
    dirname(require.resolve('@mlops-portal/sandbox/package.json')),
    'prometheus',
    'sandbox-rules.yml',
  );
}

/**
 * TEST HARNESS: an HTTP server exporting `exposition()` in Prometheus' text format at `/metrics`, scraped every
 * second by {@link startPrometheus} (labels honoured). `query` answers an instant query's samples.
 */
export async function startPrometheusScraping(exposition: () => string) {
  const exporter: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(exposition());
  }).listen(0, '127.0.0.1');
  await new Promise(resolve => exporter.once('listening', resolve));
  const prometheus = await startPrometheus(
    `127.0.0.1:${(exporter.address() as AddressInfo).port}`,
    '/metrics',
    { honorLabels: true },
  );
  return {
    url: prometheus.url,
    async query(
      promql: string,
    ): Promise<Array<{ metric: Record<string, string>; value: number }>> {
      const response = await fetch(`${prometheus.url}/api/v1/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: promql }),
      });
      const answer = await response.json();
      if (answer.status !== 'success') {
        throw new Error(`${promql}: ${answer.errorType} ${answer.error}`);
      }
      return answer.data.result.map(
        (r: { metric: Record<string, string>; value: [number, string] }) => ({
          metric: r.metric,
          value: Number(r.value[1]),
        }),
      );
    },
    async stop() {
      await prometheus.stop();
      await new Promise(resolve => exporter.close(resolve));
    },
  };
}
