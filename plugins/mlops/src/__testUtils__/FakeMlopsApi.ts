import {
  FeatureViewStatus,
  PromotionRecord,
  RolloutRecord,
  HealthSeries,
  HealthSeriesMetric,
  LiveServing,
  ModelCard,
  ServingGitOps,
  ModelHealth,
  PipelineRunsView,
  PipelineRunSummary,
  RetrainingRun,
  ReturnToStableRequest,
} from '@mlops-portal/plugin-mlops-common';
import {
  MlopsApi,
  PromoteRequest,
  QualityGatesFailedError,
  RolloutAction,
  StartPipelineRunRequest,
  StartRolloutRequest,
} from '../api/MlopsApi';
import {
  exampleFeatureViewStatus,
  exampleHealth,
  exampleLiveServing,
  exampleModelCard,
  examplePipelineRuns,
  exampleRegistry,
  exampleRetrainingRuns,
  exampleRollout,
} from './exampleMlopsData';

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

  modelCard: ModelCard = exampleModelCard();

  async getModelCard() {
    return structuredClone(this.modelCard);
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
  /** Every start request as sent (dry runs too), for what `rolloutCalls` leaves out (reason, steps, analysis). */
  readonly startRequests: StartRolloutRequest[] = [];

  async listRollouts() {
    return this.rollouts;
  }

  async getRollout(id: string) {
    return this.rollouts.find(r => r.id === id)!;
  }

  async startRollout(request: StartRolloutRequest) {
    this.startRequests.push(structuredClone(request));
    if (request.dryRun) {
      this.rolloutCalls.push(`dry-run ${request.version} ${request.strategy}`);
      return exampleRollout('dry-run', request);
    }
    const plan = request.abTest ?? request.shadow ?? request.blueGreen;
    this.rolloutCalls.push(
      plan
        ? `start ${request.version} ${request.strategy} ${JSON.stringify(plan)}`
        : `start ${request.version}`,
    );
    const rollout = exampleRollout(`r${this.rollouts.length + 1}`, request);
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

  /** The live serving `getLiveServing` answers; tests set it (e.g. to `exampleOrphanedServing()`). */
  liveServing: LiveServing = exampleLiveServing();
  readonly returnToStableCalls: ReturnToStableRequest[] = [];

  async getLiveServing() {
    return structuredClone(this.liveServing);
  }

  /** What `getServingGitOps` answers (tests set it); undefined answers as a Model without gitops does, a 404. */
  servingGitOps?: ServingGitOps;
  readonly servingGitOpsCalls: string[] = [];

  async getServingGitOps(entityRef: string) {
    this.servingGitOpsCalls.push(entityRef);
    if (!this.servingGitOps) {
      throw new Error(`${entityRef} is not managed from Git`);
    }
    return structuredClone(this.servingGitOps);
  }

  /** As the backend: refused while a rollout drives the traffic or when the claim is not the one expected. */
  async returnToStable(_entityRef: string, request: ReturnToStableRequest) {
    this.returnToStableCalls.push(structuredClone(request));
    const { claim, drivenBy, split } = this.liveServing;
    if (drivenBy) {
      throw new Error(
        `Rollout ${drivenBy.rolloutId} drives this traffic; abort it instead`,
      );
    }
    const expected = request.expectedClaim ?? undefined;
    if (
      request.expectedClaim !== undefined &&
      (claim?.rolloutId !== expected?.rolloutId ||
        claim?.instanceId !== expected?.instanceId)
    ) {
      throw new Error(
        'The serving object changed since it was read; look again before returning its traffic to stable',
      );
    }
    this.liveServing = {
      ...exampleLiveServing(),
      split: { stable: { version: split.stable.version, weight: 100 } },
      readAt: new Date().toISOString(),
    };
    return structuredClone(this.liveServing);
  }

  health: ModelHealth = exampleHealth();
  readonly seriesCalls: string[] = [];

  async getHealth() {
    return this.health;
  }

  retrainingRuns: RetrainingRun[] = exampleRetrainingRuns();

  async getRetrainingRuns() {
    return this.retrainingRuns;
  }

  pipelineRuns: PipelineRunsView = examplePipelineRuns();

  readonly pipelineRunCalls: Array<Record<string, unknown>> = [];

  featureViewStatus: FeatureViewStatus = exampleFeatureViewStatus();

  async getFeatureViewStatus() {
    return structuredClone(this.featureViewStatus);
  }

  async getPipelineRuns() {
    // A fresh answer each time, as over HTTP.
    return structuredClone(this.pipelineRuns);
  }

  async startPipelineRun(
    _entityRef: string,
    request: StartPipelineRunRequest,
  ): Promise<PipelineRunSummary> {
    const parameters = request.parameters ?? {};
    this.pipelineRunCalls.push(parameters);
    const run = {
      id: `run-${this.pipelineRuns.runs.length + 1}`,
      name: 'started from the portal',
      state: 'PENDING',
      parameters,
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
