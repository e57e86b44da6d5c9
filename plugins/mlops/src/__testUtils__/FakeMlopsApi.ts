import {
  AbTestRequest,
  FeatureViewStatus,
  RolloutStrategy,
  PromotionRecord,
  RegistryView,
  RolloutRecord,
  HealthSeries,
  HealthSeriesMetric,
  ModelHealth,
  PipelineRunsView,
  PipelineRunSummary,
  RetrainingRun,
} from '@mlops-portal/plugin-mlops-common';
import {
  MlopsApi,
  PromoteRequest,
  QualityGatesFailedError,
  RolloutAction,
} from '../api/MlopsApi';

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

/**
 * An in-memory {@link MlopsApi} for component tests: it answers like the backend for the cases the tests name
 * and records what the UI sent.
 */
export class FakeMlopsApi implements MlopsApi {
  registry = exampleRegistry();
  history: PromotionRecord[] = [];
  readonly promoteCalls: Array<{ entityRef: string; request: PromoteRequest }> =
    [];
  readonly decisions: Array<{ id: string; decision: string; comment: string }> =
    [];

  async getRegistry() {
    return this.registry;
  }

  async getPromotionHistory() {
    return { items: this.history };
  }

  async promote(entityRef: string, request: PromoteRequest) {
    this.promoteCalls.push({ entityRef, request });
    const version = this.registry.versions.find(
      v => v.version === request.version,
    )!;
    if (!version.gatesPassed) {
      throw new QualityGatesFailedError(
        `Version ${request.version} fails 1 quality gate(s): ${version.gates[0].reason}`,
        version.gates,
      );
    }
    const record: PromotionRecord = {
      id: `p${this.history.length + 1}`,
      entityRef,
      instance: 'default',
      registeredModel: 'fraud-detector',
      action: 'promote',
      alias: request.alias,
      fromVersion: request.expectedCurrentVersion ?? undefined,
      toVersion: request.version,
      reason: request.reason,
      state: this.registry.protectedAliases.includes(request.alias)
        ? 'pending_approval'
        : 'completed',
      requestedBy: 'user:default/amira.haddad',
      requestedAt: new Date().toISOString(),
      gates: version.gates,
    };
    this.history.push(record);
    return record;
  }

  async planPromotion(): Promise<never> {
    throw new Error('not used by the tab');
  }

  async rollback(): Promise<never> {
    throw new Error('not used by these tests');
  }

  async approve(id: string, comment: string) {
    this.decisions.push({ id, decision: 'approve', comment });
    return {
      ...this.history.find(h => h.id === id)!,
      state: 'completed' as const,
    };
  }

  async reject(id: string, comment: string) {
    this.decisions.push({ id, decision: 'reject', comment });
    return {
      ...this.history.find(h => h.id === id)!,
      state: 'rejected' as const,
    };
  }

  rollouts: RolloutRecord[] = [];
  readonly rolloutCalls: string[] = [];

  async listRollouts() {
    return this.rollouts;
  }

  async getRollout(id: string) {
    return this.rollouts.find(r => r.id === id)!;
  }

  async startRollout(request: {
    entityRef: string;
    version: string;
    strategy?: RolloutStrategy;
    abTest?: AbTestRequest;
  }) {
    this.rolloutCalls.push(
      request.abTest
        ? `start ${request.version} abtest ${JSON.stringify(request.abTest)}`
        : `start ${request.version}`,
    );
    const rollout: RolloutRecord = {
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
      id: `r${this.rollouts.length + 1}`,
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
      steps: [
        { weight: 5, durationSeconds: 300 },
        { weight: 25, durationSeconds: 600 },
        { weight: 100, durationSeconds: 0 },
      ],
      analysis: ['error-rate', 'p99-latency'],
      analysisMetrics: [
        {
          name: 'error-rate',
          successCondition: { operator: '<=', threshold: 0.02 },
          maxRatioToStable: 2,
          intervalSeconds: 60,
          count: 3,
        },
        {
          name: 'p99-latency',
          successCondition: { operator: '<=', threshold: 0.25 },
          maxRatioToStable: 1.5,
          intervalSeconds: 60,
          count: 3,
        },
      ],
      stepIndex: 0,
      state: 'Progressing',
      createdBy: 'user:default/amira.haddad',
      createdAt: '2026-11-27T10:00:00.000Z',
      updatedAt: '2026-11-27T10:00:00.000Z',
      events: [],
    };
    this.rollouts.unshift(rollout);
    return rollout;
  }

  async controlRollout(id: string, action: RolloutAction, reason: string) {
    this.rolloutCalls.push(`${action} ${id}: ${reason}`);
    const rollout = this.rollouts.find(r => r.id === id)!;
    const next = { pause: 'Paused', abort: 'Aborted' } as const;
    if (action === 'pause' || action === 'abort') {
      rollout.state = next[action];
    }
    return rollout;
  }

  health: ModelHealth = exampleHealth();
  readonly seriesCalls: string[] = [];

  async getHealth() {
    return this.health;
  }

  retrainingRuns: RetrainingRun[] = [
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

  async getRetrainingRuns() {
    return this.retrainingRuns;
  }

  pipelineRuns: PipelineRunsView = {
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
        error: 'train: the container exited with code 1',
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

  readonly pipelineRunCalls: Array<Record<string, unknown>> = [];

  featureViewStatus: FeatureViewStatus = {
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

  async getFeatureViewStatus() {
    return structuredClone(this.featureViewStatus);
  }

  async getPipelineRuns() {
    // A fresh answer each time, as over HTTP.
    return structuredClone(this.pipelineRuns);
  }

  async startPipelineRun(
    _entityRef: string,
    request: { parameters: Record<string, unknown> },
  ): Promise<PipelineRunSummary> {
    this.pipelineRunCalls.push(request.parameters);
    const run = {
      id: `run-${this.pipelineRuns.runs.length + 1}`,
      name: 'started from the portal',
      state: 'PENDING',
      parameters: request.parameters,
    };
    this.pipelineRuns.runs.unshift(run);
    return run;
  }

  async getHealthSeries(
    _entityRef: string,
    metric: HealthSeriesMetric,
    range: string,
  ): Promise<HealthSeries> {
    this.seriesCalls.push(`${metric} ${range}`);
    const points = Array.from({ length: 10 }, (_, i) => ({
      t: 1764230400 + i * 60,
      v: metric === 'requestsPerSecond' ? 40 + i : 0.004,
    }));
    return {
      metric,
      range,
      stepSeconds: 60,
      series: [{ predictor: 'stable', version: '4', points }],
    };
  }
}

/** A healthy-looking fraud model whose `amount` feature drifted. */
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
