import {
  KubernetesClusters,
  ServingPlatform,
} from '@mlops-portal/plugin-mlops-node';
import { SeldonV2TrafficRouter } from './SeldonV2TrafficRouter';
import {
  SELDON_V2_ANALYSIS,
  SELDON_V2_HEALTH_QUERIES,
} from './seldonV2Queries';

/**
 * Seldon Core v2 (`spec.serving.platform: seldon-v2`): a stable `Model`, a candidate `Model` per canary version
 * and an `Experiment` whose weighted candidates split the stable Model's endpoint and whose mirror feeds a shadow.
 * No smoke requests: Seldon v2 aims a request at one model by header, which the service proxy cannot send.
 * Its metrics label each Model by name, so an arm's metric label is its Model's name.
 *
 * @public
 */
export function seldonV2Platform(
  clusters: KubernetesClusters,
): ServingPlatform {
  const router = new SeldonV2TrafficRouter(clusters);
  return {
    name: 'seldon-v2',
    title: 'Seldon Core v2',
    router,
    capabilities: { shadow: true, smokeRequests: false },
    defaultAnalysis: SELDON_V2_ANALYSIS,
    healthQueries: SELDON_V2_HEALTH_QUERIES,
    metricPredictors: target => router.metricPredictors(target),
  };
}
