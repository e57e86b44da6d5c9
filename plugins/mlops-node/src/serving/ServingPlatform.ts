import { AnalysisMetric } from './analysisMetric';
import { ServingTarget, TrafficRouter } from './TrafficRouter';

/**
 * The PromQL a Model's health reads from its serving platform, with the placeholders of the health query
 * templates (`{{namespace}}`, `{{deployment}}`, `{{window}}`, `{{quantile}}`, `{{model}}`, values escaped for a
 * double-quoted PromQL string). Each answers one sample per predictor, labelled `predictor_name`: the value
 * {@link ServingPlatform.metricPredictors} gives for an arm.
 *
 * @public
 */
export type ServingHealthQueries = {
  /** Requests per second. */
  requestRate: string;
  /** Share of requests that failed (0..1). */
  errorRate: string;
  /** Latency at `{{quantile}}`, in seconds. */
  latency: string;
};

/**
 * The metric label values (`predictor_name` in health queries, `{{predictor}}` in analysis) of each arm now.
 *
 * @public
 */
export type MetricPredictors = {
  stable: string;
  canary?: string;
  shadow?: string;
};

/**
 * A serving platform a Model can name in `spec.serving.platform`: how traffic moves on it, and how to read its
 * traffic, errors and latency from Prometheus out of the box. Registered by a backend module through
 * `mlopsServingPlatformsExtensionPoint`.
 *
 * @public
 */
export interface ServingPlatform {
  /** The value of `spec.serving.platform`, e.g. `seldon`. */
  readonly name: string;
  /** Its name for people, e.g. "Seldon Core v1". */
  readonly title: string;
  /** Moves traffic between the stable model and a canary on this platform. */
  readonly router: TrafficRouter;
  /** What the platform can do beyond weighted traffic. */
  readonly capabilities: {
    /** Mirror every request to a candidate whose answers are discarded. */
    shadow: boolean;
    /** Send a request to the candidate alone ({@link TrafficRouter.sendToCanary}). */
    smokeRequests: boolean;
    /**
     * GitOps mode (`spec.serving.gitops`): every traffic write of the router goes to `ServingTarget.manifest`
     * when it is set (an edit of one serving object's fields), never to the live objects. A platform without it is
     * refused in GitOps mode, since its writes would bypass Git.
     */
    gitOps?: boolean;
  };
  /**
   * The analysis a rollout gets unless its request says otherwise. By convention an `error-rate` (0..1) and a
   * `p99-latency` (seconds) metric, so the Deployment tab charts them alike on every platform.
   */
  readonly defaultAnalysis: AnalysisMetric[];
  /** The health queries of this platform, unless `mlops.health.queries` overrides them. */
  readonly healthQueries: ServingHealthQueries;
  /**
   * The label values the platform's metrics give each arm of the serving resource now. Without it the arms'
   * own names are used (`stable`, `canary`, `shadow`).
   */
  metricPredictors?(target: ServingTarget): Promise<MetricPredictors>;
}
