import {
  ModelEntityV1alpha1,
  RolloutRecord,
} from '@mlops-portal/plugin-mlops-common';
import { StartRolloutRequest } from '../../api/MlopsApi';
import { analysisMetricDisplay } from './analysisMetricDisplay';
import { conditionText } from './MeasurementChart';
import { durationText } from './stepSchedule';

/** One number (or, with `list`, comma-separated numbers) a person enters for a rollout plan. */
export type PlanField = {
  key: string;
  label: string;
  initial: string;
  help: string;
  /** Several numbers separated by commas, e.g. a canary's weights. */
  list?: boolean;
};

/** The part of a start request a plan form fills. */
export type PlanRequestPart = Pick<
  StartRolloutRequest,
  'steps' | 'analysis' | 'abTest' | 'shadow' | 'blueGreen'
>;

/** The form of one strategy's plan: its fields and how they become the start request's plan. */
export type PlanForm = {
  strategy: 'canary' | 'abtest' | 'shadow' | 'bluegreen';
  /** The button that opens the form. */
  buttonLabel: string;
  submitLabel: string;
  explanation: string;
  fields: PlanField[];
  /** What is wrong with the figures beyond each being a number, if anything (e.g. one hold per step). */
  problem?(
    values: Record<string, number>,
    lists: Record<string, number[]>,
  ): string | undefined;
  toRequest(
    values: Record<string, number>,
    lists: Record<string, number[]>,
  ): PlanRequestPart;
  /**
   * The fields' values from a dry run of the strategy's default plan: the dialog asks the backend for it when it
   * opens, so a person edits what would really run (the platform's analysis, the backend's default steps).
   */
  fromPlan?(plan: RolloutRecord): Record<string, string>;
  /** What the backend's dry run planned, in words. */
  describe(plan: RolloutRecord, model?: ModelEntityV1alpha1): string;
};

const seconds = (minutes: number) => Math.round(minutes * 60);

const minutesText = (minutes: number) => String(Number(minutes.toFixed(2)));

/** A canary's plan in words: its steps, what each step's analysis checks, and its least duration. */
function describeCanary(plan: RolloutRecord, model?: ModelEntityV1alpha1) {
  const steps = plan.steps
    .map(step =>
      step.durationSeconds
        ? `${step.weight}% for at least ${durationText(
            step.durationSeconds * 1000,
          )}`
        : `${step.weight}%`,
    )
    .join(', then ');
  const metrics = plan.analysisMetrics;
  const first = metrics[0];
  const checks = metrics
    .map(m => {
      const display = analysisMetricDisplay(model, m.name);
      return `${display.title} (${conditionText(m, display.unit)})`;
    })
    .join(' and ');
  const perStep = first
    ? (first.initialDelaySeconds ?? 0) +
      Math.max(first.count - 1, 0) * first.intervalSeconds
    : 0;
  const least = plan.steps.reduce(
    (sum, step) => sum + Math.max(step.durationSeconds, perStep),
    0,
  );
  return `${plan.steps.length} step(s): ${steps}. ${
    first
      ? `At each step ${first.count} measurement(s) of ${checks}, ${
          first.intervalSeconds
        } s apart, the first ${first.initialDelaySeconds ?? 0} s in. `
      : ''
  }If every measurement passes, '${plan.alias}' moves to v${
    plan.candidateVersion
  } after about ${durationText(least * 1000)}; a failed one rolls back.`;
}

/**
 * The plans a person can choose on the Deployment tab; each start is confirmed in its dialog with a reason. The
 * canary's form opens on the backend's default plan (a dry run). The backend validates every figure and fills
 * what is not asked here (α 0.05 and power 0.8 for A/B tests, 1,000 predictions at least for a shadow's
 * verdict, the analysis thresholds of the serving platform).
 */
export const planForms: Record<PlanForm['strategy'], PlanForm> = {
  canary: {
    strategy: 'canary',
    buttonLabel: 'Roll out',
    submitLabel: 'Start canary',
    explanation:
      'The candidate takes a growing share of production traffic, step by step. A step moves on once it has been held for its time and every analysis measurement has passed; a failed measurement gives stable all traffic back, an inconclusive one pauses for you. After the last step the alias moves.',
    fields: [
      {
        key: 'weights',
        label: 'Canary share at each step (%)',
        initial: '5, 25, 100',
        help: 'Comma-separated, growing; the last must be 100',
        list: true,
      },
      {
        key: 'holdMinutes',
        label: 'Hold each step at least (minutes)',
        initial: '5, 10, 0',
        help: 'One per step, or one for all; a step also waits for its measurements',
        list: true,
      },
      {
        key: 'intervalSeconds',
        label: 'Measure every (seconds)',
        initial: '60',
        help: 'Each analysis metric, at every step',
      },
      {
        key: 'initialDelaySeconds',
        label: 'First measurement after (seconds)',
        initial: '120',
        help: "Lets the step's traffic reach the metrics first",
      },
      {
        key: 'count',
        label: 'Measurements per metric per step',
        initial: '3',
        help: 'All must pass before the step moves on',
      },
    ],
    problem: (_values, { weights, holdMinutes }) => {
      if (weights[weights.length - 1] !== 100) {
        return 'The last step must give the canary 100%.';
      }
      if (holdMinutes.length !== 1 && holdMinutes.length !== weights.length) {
        return `Give one hold per step (${weights.length}), or one for all.`;
      }
      return undefined;
    },
    toRequest: (v, { weights, holdMinutes }) => ({
      steps: weights.map((weight, i) => ({
        weight,
        durationSeconds: seconds(holdMinutes[holdMinutes.length === 1 ? 0 : i]),
      })),
      analysis: {
        intervalSeconds: v.intervalSeconds,
        initialDelaySeconds: v.initialDelaySeconds,
        count: v.count,
      },
    }),
    fromPlan: plan => {
      const first = plan.analysisMetrics[0];
      return {
        weights: plan.steps.map(s => s.weight).join(', '),
        holdMinutes: plan.steps
          .map(s => minutesText(s.durationSeconds / 60))
          .join(', '),
        ...(first
          ? {
              intervalSeconds: String(first.intervalSeconds),
              initialDelaySeconds: String(first.initialDelaySeconds ?? 0),
              count: String(first.count),
            }
          : {}),
      };
    },
    describe: describeCanary,
  },
  abtest: {
    strategy: 'abtest',
    buttonLabel: 'A/B test',
    submitLabel: 'Start A/B test',
    explanation:
      'The split is held until both versions have served the planned number of requests; only then does a two-proportion z-test decide: promote, roll back, or pause for you when there is no significant difference.',
    fields: [
      {
        key: 'candidateShare',
        label: 'Candidate share of traffic (%)',
        initial: '50',
        help: 'Held for the whole test',
      },
      {
        key: 'baselineRate',
        label: 'Baseline success rate (%)',
        initial: '10',
        help: "The stable version's rate today, e.g. conversions per request",
      },
      {
        key: 'minimumDetectableEffect',
        label: 'Smallest change worth detecting (percentage points)',
        initial: '2',
        help: 'Smaller changes need more traffic before a verdict',
      },
    ],
    describe: ({ abTest: p }) =>
      `Needs ${p!.plannedPerArm.toLocaleString(
        'en-US',
      )} requests per arm before any verdict (α ${p!.alpha}, power ${
        p!.power
      }); ${p!.candidateShare}% of traffic goes to the candidate meanwhile.`,
    toRequest: v => ({
      abTest: {
        candidateShare: v.candidateShare,
        baselineRate: v.baselineRate / 100,
        minimumDetectableEffect: v.minimumDetectableEffect / 100,
      },
    }),
  },
  shadow: {
    strategy: 'shadow',
    buttonLabel: 'Shadow',
    submitLabel: 'Start shadow',
    explanation:
      "The candidate gets a copy of every production request and its answers are thrown away: users only ever see stable's. Latency and errors are compared with stable throughout, and the two versions' prediction distributions (PSI and Jensen–Shannon distance) at the end. Nothing is promoted: a passed shadow is the evidence for a canary or blue-green.",
    fields: [
      {
        key: 'durationMinutes',
        label: 'Shadow for (minutes)',
        initial: '60',
        help: 'The predictions of this whole period are compared',
      },
      {
        key: 'maxPsi',
        label: 'Largest population stability index (PSI)',
        initial: '0.1',
        help: 'Below 0.1 is usually read as no significant shift',
      },
      {
        key: 'maxJensenShannon',
        label: 'Largest Jensen–Shannon distance',
        initial: '0.1',
        help: 'Between 0 (identical) and 0.83 (disjoint)',
      },
    ],
    describe: ({ shadow: p, baselineVersion }) =>
      `Mirrors all traffic for ${Math.round(
        p!.durationSeconds / 60,
      )} min and compares with v${baselineVersion ?? '–'}: fails at PSI ≥ ${
        p!.maxPsi
      } or Jensen–Shannon ≥ ${p!.maxJensenShannon}; needs ${
        p!.minPredictions
      } predictions per side for a verdict.`,
    toRequest: v => ({
      shadow: {
        durationSeconds: seconds(v.durationMinutes),
        maxPsi: v.maxPsi,
        maxJensenShannon: v.maxJensenShannon,
      },
    }),
  },
  bluegreen: {
    strategy: 'bluegreen',
    buttonLabel: 'Blue-green',
    submitLabel: 'Start blue-green',
    explanation:
      "Green (the candidate) is deployed beside blue at 0% and must be reported ready; then all traffic switches at once. Blue stays deployed for the warm period, so switching back is instant, and green's analysis switches back by itself if it fails. After the warm period the alias moves and blue is scaled down.",
    fields: [
      {
        key: 'warmMinutes',
        label: 'Keep blue warm for (minutes)',
        initial: '15',
        help: 'How long a switch back stays instant',
      },
      {
        key: 'readinessTimeoutMinutes',
        label: 'Wait for green to be ready (minutes)',
        initial: '10',
        help: 'Give up, with no traffic moved, after this',
      },
    ],
    describe: ({ blueGreen: p }) =>
      `Green gets ${p!.readinessTimeoutSeconds} s to be ready${
        p!.smokeRequests?.length
          ? ` and pass ${
              p!.smokeRequests.length
            } smoke request(s) (${p!.smokeRequests
              .map(r => r.name)
              .join(', ')})`
          : ''
      }; after the switch blue stays warm for ${Math.round(
        p!.warmSeconds / 60,
      )} min.`,
    toRequest: v => ({
      blueGreen: {
        warmSeconds: seconds(v.warmMinutes),
        readinessTimeoutSeconds: seconds(v.readinessTimeoutMinutes),
      },
    }),
  },
};
