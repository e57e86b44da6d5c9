import {
  KubernetesClusters,
  ServingPlatform,
} from '@mlops-portal/plugin-mlops-node';
import { SeldonV1TrafficRouter } from './SeldonV1TrafficRouter';
import {
  SELDON_V1_ANALYSIS,
  SELDON_V1_HEALTH_QUERIES,
} from './seldonV1Queries';

/**
 * Seldon Core v1 (`spec.serving.platform: seldon`): a `SeldonDeployment` whose predictors carry the weights, a
 * `shadow: true` predictor for shadows, and a service per predictor for smoke requests. Its executor labels
 * metrics by predictor name, which is the arm's name (`stable`, `canary`, `shadow`).
 *
 * @public
 */
export function seldonV1Platform(
  clusters: KubernetesClusters,
): ServingPlatform {
  return {
    name: 'seldon',
    title: 'Seldon Core v1',
    router: new SeldonV1TrafficRouter(clusters),
    capabilities: { shadow: true, smokeRequests: true, gitOps: true },
    defaultAnalysis: SELDON_V1_ANALYSIS,
    healthQueries: SELDON_V1_HEALTH_QUERIES,
  };
}
