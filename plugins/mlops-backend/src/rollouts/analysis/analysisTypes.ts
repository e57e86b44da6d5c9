export type {
  AnalysisMetric,
  Condition,
} from '@mlops-portal/plugin-mlops-node';

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
