import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const PROMETHEUS_BINARY =
  process.env.PROMETHEUS_BINARY ?? '/usr/bin/prometheus';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts Debian's Prometheus on 127.0.0.1, scraping `target` (host:port) at `metricsPath` every second, with a
 * throwaway data directory, evaluating `ruleFiles` every second. scripts/test.sh installs the package when it is
 * missing.
 */
export async function startPrometheus(
  target: string,
  metricsPath: string,
  options: { ruleFiles?: string[] } = {},
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
