/*
 * Benchmark, not a test: one refresh of the Kubeflow pipeline provider over 5,000 pipelines served by the
 * sandbox's Kubeflow stand-in over loopback HTTP (200 per page), mapped to Pipeline entities and handed to a
 * connection that keeps them. Prints the time and the heap and RSS growth.
 *
 *   yarn bench:ingest      (from the repository root)
 *   PIPELINES=20000 yarn bench:ingest
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { KfpFake, kfpRouter } from '@mlops-portal/sandbox';
import express from 'express';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { KubeflowPipelineEntityProvider } from '../src/providers/KubeflowPipelineEntityProvider';

async function main() {
  const count = Number(process.env.PIPELINES ?? 5000);
  const kfp = new KfpFake();
  for (let i = 0; i < count; i++) {
    kfp.addPipeline(
      `team-${i % 40}-model-${i}-training`,
      `Training pipeline ${i}`,
    );
  }
  const server = express().use('/kfp', kfpRouter(kfp)).listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kfp`;
  const provider = KubeflowPipelineEntityProvider.fromConfig(
    new ConfigReader({
      mlops: { kubeflow: { instances: [{ name: 'default', baseUrl: url }] } },
      catalog: {
        providers: {
          mlopsKubeflow: { defaultOwner: 'group:default/ml-platform' },
        },
      },
    }),
    mockServices.rootLogger({ level: 'warn' }),
  )!;
  let kept: unknown[] = [];
  await provider.connect({
    applyMutation: async mutation => {
      kept = (mutation as { entities: unknown[] }).entities;
    },
    refresh: async () => {},
  });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  const started = performance.now();
  const { entities } = await provider.refresh();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `Kubeflow pipeline provider, ${count} pipelines over loopback HTTP`,
  );
  console.log(
    `  one refresh: ${entities} entities in ${ms.toFixed(0)} ms (${(
      (ms * 1000) /
      entities
    ).toFixed(0)} µs each, ${Math.ceil(count / 200)} pages)`,
  );
  console.log(
    `  heap growth at peak ${mb(peakHeap - heapBefore)}, RSS growth ${mb(
      process.memoryUsage().rss - rssBefore,
    )}; ${kept.length} entities handed to the catalog`,
  );
  server.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
