import { AnalysisCondition } from '@mlops-portal/plugin-mlops-common';

/** A comparison of a measured value with a threshold. */
export type Condition = AnalysisCondition;

/**
 * One metric of a canary analysis, with Argo Rollouts' semantics (api-contracts §7): every `intervalSeconds`
 * the query is measured, `count` times. A measurement meeting `successCondition` is Successful; with only a
 * success condition, anything else is Failed; with both, meeting neither is Inconclusive. No samples or NaN
 * (no traffic yet) is Inconclusive; a query error is Error.
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

export type MeasurementPhase =
  | 'Successful'
  | 'Failed'
  | 'Inconclusive'
  | 'Error';

export type Measurement = {
  metric: string;
  phase: MeasurementPhase;
  at: string;
  value?: number;
  stableValue?: number;
  query: string;
  message?: string;
};

/** Where a metric's analysis stands after the measurements taken so far. */
export type MetricPhase = 'Running' | MeasurementPhase;

/** What a measurement is about: the serving resource and which predictors are canary and stable. */
export type AnalysisTarget = {
  namespace: string;
  deployment: string;
  canaryPredictor: string;
  stablePredictor: string;
  /** The rate window, e.g. `2m`; at least four scrape intervals. */
  window: string;
};
