import {
  FeatureViewStatus,
  LiveServing,
  ModelCard,
  ModelHealth,
  PipelineRunsView,
  RegistryView,
  RetrainingRun,
  RolloutRecord,
} from '@mlops-portal/plugin-mlops-common';
import { StartRolloutRequest } from '../api/MlopsApi';

/*
 * The example data {@link FakeMlopsApi} answers with, a fresh copy per call so tests can change it freely.
 */

const gate = (metric: string, measured: number, threshold: number) => ({
  metric,
  kind: 'min' as const,
  threshold,
  effectiveThreshold: threshold,
  measured,
  passed: measured >= threshold,
  reason:
    measured >= threshold
      ? undefined
      : `${metric} = ${measured} is below the minimum ${threshold}`,
});

/** A registry as the backend would answer it: v3 passes the AUC gate, v2 does not; champion is protected. */
export function exampleRegistry(): RegistryView {
  const version = (v: string, auc: number, aliases: string[]) => ({
    version: v,
    status: 'READY',
    runId: `run-${v}`,
    createdAt: '2026-11-01T10:00:00.000Z',
    aliases,
    metrics: { auc },
    gates: [gate('auc', auc, 0.9)],
    gatesPassed: auc >= 0.9,
  });
  return {
    instance: 'default',
    registeredModel: { name: 'fraud-detector', tags: {} },
    protectedAliases: ['champion'],
    aliases: [
      { alias: 'champion', version: '3', protected: true },
      { alias: 'challenger', version: '2', protected: false },
    ],
    versions: [
      version('3', 0.93, ['champion']),
      version('2', 0.88, ['challenger']),
    ],
  };
}

/** The fraud model's traffic as the cluster serves it: champion v3 has all of it and no rollout drives it. */
export function exampleLiveServing(): LiveServing {
  return {
    entityRef: 'model:default/fraud-detector',
    platform: 'seldon',
    platformTitle: 'Seldon Core v1',
    target: { cluster: 'prod-eu', namespace: 'fraud', name: 'fraud-detector' },
    split: { stable: { version: '3', weight: 100 } },
    readAt: '2026-11-27T10:00:00.000Z',
  };
}

/** Traffic a lost rollout left behind: v2 on 20%, claimed by a rollout of a portal that is gone. */
export function exampleOrphanedServing(): LiveServing {
  return {
    ...exampleLiveServing(),
    split: {
      stable: { version: '3', weight: 80 },
      canary: { version: '2', weight: 20 },
    },
    claim: { rolloutId: 'lost-rollout', instanceId: 'https://old.portal' },
    orphan:
      "v2 receives 20% and no rollout drives it (claimed by rollout lost-rollout of portal 'https://old.portal')",
  };
}

/**
 * An in-memory {@link MlopsApi} for component tests: it answers like the backend for the cases the tests name
 * and records what the UI sent.
 */

/** A rollout as the backend answers a start: Progressing at its first step, with the default analysis. */
export function exampleRollout(
  id: string,
  request: StartRolloutRequest,
): RolloutRecord {
  return {
    strategy: request.strategy ?? 'canary',
    ...(request.abTest
      ? {
          abTest: {
            candidateShare: 50,
            alpha: 0.05,
            power: 0.8,
            maxDurationSeconds: 1209600,
            intervalSeconds: 60,
            ...request.abTest,
            plannedPerArm: 8158,
          },
        }
      : {}),
    ...(request.strategy === 'shadow'
      ? {
          shadow: {
            durationSeconds: 3600,
            intervalSeconds: 60,
            maxPsi: 0.1,
            maxJensenShannon: 0.1,
            minPredictions: 1000,
            ...request.shadow,
          },
        }
      : {}),
    ...(request.strategy === 'bluegreen'
      ? {
          blueGreen: {
            readinessTimeoutSeconds: 600,
            warmSeconds: 900,
            ...request.blueGreen,
          },
        }
      : {}),
    id,
    entityRef: request.entityRef,
    candidateVersion: request.version,
    baselineVersion: '3',
    alias: 'champion',
    target: {
      platform: 'seldon',
      cluster: 'sandbox',
      namespace: 'fraud',
      name: 'fraud-detector',
      modelUri: 'x',
    },
    steps: exampleSteps(request),
    analysis: ['error-rate', 'p99-latency'],
    analysisMetrics: [
      {
        name: 'error-rate',
        successCondition: { operator: '<=', threshold: 0.02 },
        maxRatioToStable: 2,
        intervalSeconds: 60,
        initialDelaySeconds: 120,
        count: 3,
        // As the backend: the request's analysis overrides the timing of every metric.
        ...request.analysis,
      },
      {
        name: 'p99-latency',
        successCondition: { operator: '<=', threshold: 0.25 },
        maxRatioToStable: 1.5,
        intervalSeconds: 60,
        initialDelaySeconds: 120,
        count: 3,
        // As the backend: the request's analysis overrides the timing of every metric.
        ...request.analysis,
      },
    ],
    stepIndex: 0,
    state: 'Progressing',
    createdBy: 'user:default/amira.haddad',
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    events: [],
  };
}

export function exampleRetrainingRuns(): RetrainingRun[] {
  return [
    {
      entityRef: 'model:default/fraud-detector',
      pipelineRef: 'pipeline:default/fraud-detector-training',
      kubeflowInstance: 'default',
      runId: 'run-1',
      reason:
        'dataset drifted: amount, merchant_category (50% of features, threshold 50%)',
      startedAt: '2026-11-26T22:00:00.000Z',
      state: 'SUCCEEDED',
    },
  ];
}

export function examplePipelineRuns(): PipelineRunsView {
  return {
    kubeflowInstance: 'default',
    pipelineId: 'p-1',
    pipelineName: 'fraud-detector-training',
    runs: [
      {
        id: 'run-2',
        name: 'nightly 2026-11-26',
        state: 'SUCCEEDED',
        createdAt: '2026-11-26T03:00:00.000Z',
        finishedAt: '2026-11-26T03:43:00.000Z',
        durationSeconds: 2580,
        parameters: { max_depth: 10, eta: 0.1 },
        url: 'https://kubeflow.example.com/pipeline/#/runs/details/run-2',
        modelVersions: [
          {
            modelRef: 'model:default/fraud-detector',
            registeredModel: 'fraud-detector',
            version: '6',
          },
        ],
      },
      {
        id: 'run-1',
        name: 'nightly 2026-11-25',
        state: 'FAILED',
        createdAt: '2026-11-25T03:00:00.000Z',
        finishedAt: '2026-11-25T03:07:00.000Z',
        durationSeconds: 420,
        parameters: {},
        error: 'Train failed: exit code 1',
        failedTask: {
          name: 'Train',
          message:
            'OOMKilled (exit code 137): the container used more than its 8G memory limit',
          podName: 'fraud-detector-training-run-1-train',
        },
      },
    ],
    recurringRuns: [
      { id: 'rr-1', name: 'nightly', schedule: '0 0 3 * * *', enabled: true },
    ],
    parameters: [
      { name: 'eta', type: 'NUMBER_DOUBLE', defaultValue: 0.1, optional: true },
      {
        name: 'max_depth',
        type: 'NUMBER_INTEGER',
        defaultValue: 9,
        optional: true,
      },
      { name: 'note', type: 'STRING', optional: false },
    ],
  };
}

export function exampleFeatureViewStatus(): FeatureViewStatus {
  return {
    feastInstance: 'default',
    project: 'fraud',
    name: 'merchant_risk',
    type: 'featureView',
    owner: 'data-platform@example.com',
    tags: { team: 'data-platform' },
    entities: ['merchant_id'],
    entityColumns: [{ name: 'merchant_id', type: 'STRING' }],
    features: [{ name: 'merchant_risk_score', type: 'FLOAT' }],
    source: { type: 'batch', name: 'merchant_chargebacks_daily' },
    ttl: 'P2D',
    ttlSeconds: 172800,
    online: true,
    offline: true,
    createdAt: '2026-10-28T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    lastMaterializedAt: '2026-11-25T02:00:00.000Z',
    ageSeconds: 56 * 3600,
    stale: true,
    materializations: [
      { start: '2026-11-24T02:00:00.000Z', end: '2026-11-25T02:00:00.000Z' },
    ],
    catalogDifferences: [],
  };
}

export function exampleHealth(): ModelHealth {
  return {
    entityRef: 'model:default/fraud-detector',
    status: 'warning',
    reasons: ['input drift: amount (25.00% of features)'],
    checkedAt: '2026-11-27T10:00:00.000Z',
    prometheus: 'default',
    window: '5m',
    predictors: [
      {
        predictor: 'stable',
        version: '4',
        requestsPerSecond: 40.2,
        errorRate: 0.004,
        latency: { p50: 0.045, p95: 0.06, p99: 0.07 },
      },
    ],
    alerts: [
      {
        name: 'ModelFeatureDrift',
        state: 'firing',
        severity: 'warning',
        summary: 'Feature amount drifted',
        activeAt: '2026-11-27T09:50:00.000Z',
        labels: { model: 'fraud-detector' },
      },
    ],
    drift: {
      source: 'histograms',
      verdict: 'stable',
      share: 0.25,
      driftShare: 0.5,
      window: '1h',
      reference: {
        source: 'after-promotion',
        capturedAt: '2026-11-20T08:00:00.000Z',
        version: '4',
        reason: 'v4 became champion',
      },
      features: [
        {
          feature: 'amount',
          kind: 'numerical',
          method: 'wasserstein',
          score: 0.42,
          threshold: 0.1,
          drifted: true,
          samples: 144000,
          trend: [0.02, 0.03, 0.15, 0.42],
        },
        {
          feature: 'merchant_category',
          kind: 'categorical',
          method: 'jensenshannon',
          score: 0.02,
          threshold: 0.1,
          drifted: false,
          samples: 144000,
        },
      ],
    },
    sources: [
      { name: 'alerts', ok: true },
      { name: 'drift', ok: true },
      { name: 'metrics', ok: true },
    ],
    thresholds: {
      errorRate: { warning: 0.01, critical: 0.05 },
      p99LatencySeconds: { warning: 0.25, critical: 1 },
    },
  };
}

function exampleSteps(request: StartRolloutRequest) {
  if (request.strategy === 'shadow') {
    return [
      { weight: 0, durationSeconds: request.shadow?.durationSeconds ?? 3600 },
    ];
  }
  if (request.strategy === 'bluegreen') {
    return [
      { weight: 0, durationSeconds: 0 },
      { weight: 100, durationSeconds: request.blueGreen?.warmSeconds ?? 900 },
    ];
  }
  return (
    request.steps ?? [
      { weight: 5, durationSeconds: 300 },
      { weight: 25, durationSeconds: 600 },
      { weight: 100, durationSeconds: 0 },
    ]
  );
}

/** The example Model's card, its text from spec.modelCard: the champion v4 passing its gates with slices, the challenger v6 and its Kubeflow run. */
export function exampleModelCard(): ModelCard {
  const cardGate = (
    metric: string,
    kind: 'min' | 'minRatioOfChampion',
    threshold: number,
    measured: number,
    passed: boolean,
  ) => ({
    metric,
    kind,
    threshold,
    measured,
    passed,
    effectiveThreshold: kind === 'min' ? threshold : threshold * 0.79,
  });
  return {
    entityRef: 'model:default/fraud-detector',
    source: { type: 'spec' },
    sections: [
      {
        id: 'intendedUse',
        title: 'Intended use',
        markdown: 'Scores **card-not-present** authorisations before approval.',
      },
      {
        id: 'limitations',
        title: 'Limitations',
        markdown: '- Weaker on customers under 30 days old',
      },
    ],
    missing: [
      { id: 'outOfScopeUse', title: 'Out-of-scope use' },
      { id: 'trainingData', title: 'Training data' },
      { id: 'evaluation', title: 'Evaluation' },
      { id: 'ethicalConsiderations', title: 'Ethical considerations' },
      { id: 'contact', title: 'Contact' },
    ],
    facts: {
      owner: 'fraud-ml',
      system: 'fraud-detection',
      registry: {
        instance: 'default',
        registeredModel: 'fraud-detector',
        champion: {
          alias: 'champion',
          version: '4',
          metrics: { auc: 0.924, f1: 0.79, p95_latency_ms: 36 },
          gates: [
            cardGate('auc', 'min', 0.9, 0.924, true),
            cardGate('f1', 'minRatioOfChampion', 0.95, 0.79, true),
          ],
          gatesPassed: true,
          slices: [
            { slice: 'card_not_present', metrics: { auc: 0.903 } },
            { slice: 'card_present', metrics: { auc: 0.941 } },
          ],
        },
        challenger: {
          alias: 'challenger',
          version: '6',
          trainingRun: {
            runId: 'run-6',
            url: 'https://kubeflow.example.com/#/runs/details/run-6',
          },
          metrics: { auc: 0.886, f1: 0.78, p95_latency_ms: 38 },
          gates: [
            cardGate('auc', 'min', 0.9, 0.886, false),
            cardGate('f1', 'minRatioOfChampion', 0.95, 0.78, true),
          ],
          gatesPassed: false,
          slices: [],
        },
      },
      lineage: {
        featureViews: ['featureview:default/customer-transactions'],
        trainingPipeline: 'pipeline:default/fraud-detector-training',
      },
    },
    unavailable: [],
  };
}
