/*
 * Benchmark, not a test: one refresh of each entity provider over a large upstream served by the sandbox's
 * stand-ins over loopback HTTP, mapped to entities and handed to a connection that keeps them. Prints the time
 * and the heap (peak) and RSS growth.
 *
 *   yarn bench:ingest      (from the repository root)
 *   PIPELINES=20000 FEATURE_VIEWS=20000 yarn bench:ingest
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  FeastRegistryFake,
  feastRouter,
  KfpFake,
  kfpRouter,
} from '@mlops-portal/sandbox';
import express, { Router } from 'express';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FeastFeatureViewEntityProvider } from '../src/providers/FeastFeatureViewEntityProvider';
import { KubeflowPipelineEntityProvider } from '../src/providers/KubeflowPipelineEntityProvider';
import { UpstreamEntityProvider } from '../src/providers/UpstreamEntityProvider';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function serve(prefix: string, router: Router) {
  const server = express().use(prefix, router).listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
  };
}

async function measure(
  label: string,
  pages: number,
  provider: UpstreamEntityProvider,
) {
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
  console.log(label);
  console.log(
    `  one refresh: ${entities} entities in ${ms.toFixed(0)} ms (${(
      (ms * 1000) /
      entities
    ).toFixed(0)} µs each, ${pages} pages)`,
  );
  console.log(
    `  heap growth at peak ${mb(peakHeap - heapBefore)}, RSS growth ${mb(
      process.memoryUsage().rss - rssBefore,
    )}; ${kept.length} entities handed to the catalog`,
  );
}

async function main() {
  const logger = mockServices.rootLogger({ level: 'error' });

  const pipelines = Number(process.env.PIPELINES ?? 5000);
  const kfp = new KfpFake();
  for (let i = 0; i < pipelines; i++) {
    kfp.addPipeline(
      `team-${i % 40}-model-${i}-training`,
      `Training pipeline ${i}`,
    );
  }
  const kfpServer = await serve('/kfp', kfpRouter(kfp));
  await measure(
    `Kubeflow pipeline provider, ${pipelines} pipelines over loopback HTTP`,
    Math.ceil(pipelines / 200),
    KubeflowPipelineEntityProvider.fromConfig(
      new ConfigReader({
        mlops: {
          kubeflow: {
            instances: [{ name: 'default', baseUrl: kfpServer.url }],
          },
        },
        catalog: {
          providers: {
            mlopsKubeflow: { defaultOwner: 'group:default/ml-platform' },
          },
        },
      }),
      logger,
    )!,
  );
  kfpServer.server.close();

  // Feature views in 10 projects, 12 features each, a third of them stream views.
  const views = Number(process.env.FEATURE_VIEWS ?? 5000);
  const feast = new FeastRegistryFake();
  for (let i = 0; i < views; i++) {
    feast.applyFeatureView(`project_${i % 10}`, {
      type: i % 3 ? 'featureView' : 'streamFeatureView',
      name: `team_${i % 40}_view_${i}`,
      description: `Feature view ${i}`,
      entities: ['customer_id'],
      features: Array.from({ length: 12 }, (_, f) => ({
        name: `feature_${f}`,
        valueType: f % 2 ? 'DOUBLE' : 'INT64',
      })),
      ttlSeconds: 86_400,
      batchSource: { name: `source_${i}`, type: 'BATCH_FILE' },
      ...(i % 3
        ? {}
        : { streamSource: { name: `stream_${i}`, type: 'STREAM_KAFKA' } }),
      online: true,
      materializedAgoMs: [3_600_000],
    });
  }
  const feastServer = await serve('/feast', feastRouter(feast));
  await measure(
    `Feast feature view provider, ${views} views in 10 projects over loopback HTTP`,
    10 * Math.ceil(views / 10 / 100) + 1,
    FeastFeatureViewEntityProvider.fromConfig(
      new ConfigReader({
        mlops: {
          feast: { instances: [{ name: 'default', baseUrl: feastServer.url }] },
        },
        catalog: {
          providers: {
            mlopsFeast: { defaultOwner: 'group:default/data-platform' },
          },
        },
      }),
      logger,
    )!,
  );
  feastServer.server.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
