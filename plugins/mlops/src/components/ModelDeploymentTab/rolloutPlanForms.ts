import { RolloutRecord } from '@mlops-portal/plugin-mlops-common';
import { StartRolloutRequest } from '../../api/MlopsApi';

/** One number a person enters for a rollout plan. */
export type PlanField = {
  key: string;
  label: string;
  initial: string;
  help: string;
};

/** The form of one strategy's plan: its fields and how they become the start request's plan. */
export type PlanForm = {
  strategy: 'abtest' | 'shadow' | 'bluegreen';
  /** The button that opens the form. */
  buttonLabel: string;
  submitLabel: string;
  explanation: string;
  fields: PlanField[];
  toRequest(
    values: Record<string, number>,
  ): Pick<StartRolloutRequest, 'abTest' | 'shadow' | 'blueGreen'>;
  /** What the backend's dry run planned, in words. */
  describe(plan: RolloutRecord): string;
};

const seconds = (minutes: number) => Math.round(minutes * 60);

/**
 * The plans a person can choose on the Deployment tab (a canary starts with its defaults, without a form). The
 * backend validates every figure and fills what is not asked here (α 0.05 and power 0.8 for A/B tests, 1,000
 * predictions at least for a shadow's verdict).
 */
export const planForms: Record<PlanForm['strategy'], PlanForm> = {
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
