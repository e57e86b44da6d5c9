import { InputError } from '@backstage/errors';
import {
  AbTestPlan,
  AbTestRequest,
  BlueGreenPlan,
  RolloutStep,
  RolloutStrategy,
  ShadowPlan,
} from '@mlops-portal/plugin-mlops-common';
import { StoredRollout } from './RolloutStore';
import { DEFAULT_DRIFT_THRESHOLDS } from '../shared/statistics/driftStatistics';
import { requiredSampleSize } from './analysis/abTestStatistics';
import { AnalysisMetric } from './analysis/analysisTypes';

export type StartRolloutOptions = {
  entityRef: string;
  version: string;
  alias?: string;
  /** `canary` (default), `abtest` (with `abTest`), `shadow` or `bluegreen` (their plans optional). */
  strategy?: RolloutStrategy;
  steps?: RolloutStep[];
  abTest?: AbTestRequest;
  shadow?: Partial<ShadowPlan>;
  blueGreen?: Partial<BlueGreenPlan>;
  /** Check everything a start checks and answer with the rollout it would create, without creating it. */
  dryRun?: boolean;
  /** Why the person starts it; appended to the first transition's reason. */
  reason?: string;
  /** Overrides of the default analysis' timing and limits, e.g. for a quick demo. */
  analysis?: Partial<
    Pick<
      AnalysisMetric,
      | 'intervalSeconds'
      | 'initialDelaySeconds'
      | 'count'
      | 'failureLimit'
      | 'inconclusiveLimit'
      | 'consecutiveErrorLimit'
    >
  >;
};

/** 5% → 25% → 100%, each held until its analysis has passed. */
export const DEFAULT_STEPS: RolloutStep[] = [
  { weight: 5, durationSeconds: 300 },
  { weight: 25, durationSeconds: 600 },
  { weight: 100, durationSeconds: 0 },
];

/**
 * The steps and plan of the chosen strategy. An A/B test is one step (its split, held to the verdict); a shadow
 * is one step at 0% for its duration; a blue-green is green at 0% until ready, then 100% for the warm period.
 */
export function planStrategy(
  options: StartRolloutOptions,
): Pick<
  StoredRollout,
  'strategy' | 'steps' | 'abTest' | 'shadow' | 'blueGreen'
> {
  const strategy = options.strategy ?? 'canary';
  const plans = {
    abtest: ['abTest', options.abTest],
    shadow: ['shadow', options.shadow],
    bluegreen: ['blueGreen', options.blueGreen],
  } as const;
  for (const [kind, [field, plan]] of Object.entries(plans)) {
    if (plan && kind !== strategy) {
      throw new InputError(`${field} applies to the ${kind} strategy only`);
    }
  }
  if (options.steps && strategy !== 'canary') {
    throw new InputError(
      `A ${strategy} rollout has no steps to choose; its plan (${
        plans[strategy as keyof typeof plans]?.[0]
      }) sets it up`,
    );
  }
  if (strategy === 'canary') {
    return { strategy, steps: options.steps ?? DEFAULT_STEPS };
  }
  if (strategy === 'shadow') {
    const shadow: ShadowPlan = {
      durationSeconds: 3600,
      intervalSeconds: 60,
      maxPsi: DEFAULT_DRIFT_THRESHOLDS.psi,
      maxJensenShannon: DEFAULT_DRIFT_THRESHOLDS.jensenshannon,
      minPredictions: 1000,
      ...options.shadow,
    };
    return {
      strategy,
      steps: [{ weight: 0, durationSeconds: shadow.durationSeconds }],
      shadow,
    };
  }
  if (strategy === 'bluegreen') {
    const blueGreen: BlueGreenPlan = {
      readinessTimeoutSeconds: 600,
      warmSeconds: 900,
      ...options.blueGreen,
    };
    return {
      strategy,
      steps: [
        { weight: 0, durationSeconds: 0 },
        { weight: 100, durationSeconds: blueGreen.warmSeconds },
      ],
      blueGreen,
    };
  }
  return { strategy, ...abTestSteps(options.abTest) };
}

/** An A/B test's one step and its plan with the sample size computed. */
function abTestSteps(
  request: AbTestRequest | undefined,
): Pick<StoredRollout, 'steps' | 'abTest'> {
  if (!request) {
    throw new InputError(
      'An abtest rollout needs abTest: {baselineRate, minimumDetectableEffect}',
    );
  }
  const plan: Omit<AbTestPlan, 'plannedPerArm'> = {
    candidateShare: request.candidateShare ?? 50,
    baselineRate: request.baselineRate,
    minimumDetectableEffect: request.minimumDetectableEffect,
    alpha: request.alpha ?? 0.05,
    power: request.power ?? 0.8,
    maxDurationSeconds: request.maxDurationSeconds ?? 14 * 24 * 3600,
    intervalSeconds: request.intervalSeconds ?? 60,
  };
  let plannedPerArm: number;
  try {
    plannedPerArm = requiredSampleSize(plan);
  } catch (error) {
    throw new InputError(`abTest: ${(error as Error).message}`);
  }
  return {
    steps: [{ weight: plan.candidateShare, durationSeconds: 0 }],
    abTest: { ...plan, plannedPerArm },
  };
}
