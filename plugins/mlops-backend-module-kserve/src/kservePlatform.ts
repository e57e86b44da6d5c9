import {
  KubernetesClusters,
  ServingPlatform,
} from '@mlops-portal/plugin-mlops-node';
import { KSERVE_ANALYSIS, KSERVE_HEALTH_QUERIES } from './kserveQueries';
import { KServeTrafficRouter } from './KServeTrafficRouter';

/**
 * KServe (`spec.serving.platform: kserve`): an `InferenceService` whose `canaryTrafficPercent` splits traffic
 * between its last rolled-out revision (stable) and its latest one (canary). No shadow, no smoke requests.
 *
 * @public
 */
export function kservePlatform(clusters: KubernetesClusters): ServingPlatform {
  const router = new KServeTrafficRouter(clusters);
  return {
    name: 'kserve',
    title: 'KServe',
    router,
    capabilities: { shadow: false, smokeRequests: false, gitOps: true },
    defaultAnalysis: KSERVE_ANALYSIS,
    healthQueries: KSERVE_HEALTH_QUERIES,
    metricPredictors: target => router.revisions(target),
  };
}
