import { AnalysisCondition } from '@mlops-portal/plugin-mlops-common';

/**
 * A comparison of a measured value with a threshold.
 *
 * @public
 */
export type Condition = AnalysisCondition;

/**
 * One metric of a canary analysis, with Argo Rollouts' semantics (api-contracts §7): every `intervalSeconds`
 * the query is measured, `count` times. A measurement meeting `successCondition` is Successful; with only a
 * success condition, anything else is Failed; with both, meeting neither is Inconclusive. No samples or NaN
 * (no traffic yet) is Inconclusive; a query error is Error.
 *
 * @public
 */
export type AnalysisMetric = {
  name: string;
  /** PromQL; `{{namespace}}`, `{{deployment}}`, `{{predictor}}` and `{{window}}` are filled in per measurement. */
  query: string;
  successCondition: Condition;
  failureCondition?: Condition;
  /** Also fail a measurement when the canary's value exceeds this multiple of the stable predictor's. */
  maxRatioToStable?: number;
  intervalSeconds: number;
  /** Seconds to wait after a step starts before the first measurement, so the rate window holds canary traffic. */
  initialDelaySeconds: number;
  count: number;
  /** The metric fails when failed measurements exceed this (cumulative, not consecutive). Default 0. */
  failureLimit: number;
  /** The metric is inconclusive when inconclusive measurements exceed this. Default 0. */
  inconclusiveLimit: number;
  /** The metric errors when consecutive query errors exceed this. Default 4. */
  consecutiveErrorLimit: number;
};
