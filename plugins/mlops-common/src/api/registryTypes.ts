/*
 * The JSON the mlops backend's registry and promotion routes answer with (`/api/mlops/v1`), shared by the
 * backend, the frontend client and the scaffolder action. Times are ISO 8601 strings; versions are strings, as
 * in MLflow.
 */

/**
 * The outcome of one quality gate for one model version.
 *
 * @public
 */
export type GateResult = {
  metric: string;
  /** `min`/`max`: absolute bound; `minRatioOfChampion`/`maxRatioOfChampion`: relative to the champion. */
  kind: 'min' | 'max' | 'minRatioOfChampion' | 'maxRatioOfChampion';
  /** The bound as declared in the Model spec. */
  threshold: number;
  /** The bound the measured value was compared with (the threshold times the champion's value for ratios). */
  effectiveThreshold?: number;
  /** The candidate's latest value of the metric in its MLflow run, when it has one. */
  measured?: number;
  /** The champion's value, for ratio gates. */
  champion?: number;
  passed: boolean;
  /** Why the gate failed, in words. */
  reason?: string;
};

/**
 * One version of a registered model, as the Registry tab shows it.
 *
 * @public
 */
export type ModelVersionSummary = {
  version: string;
  status: string;
  runId?: string;
  source?: string;
  description?: string;
  createdAt: string;
  createdBy?: string;
  aliases: string[];
  metrics: Record<string, number>;
  gates: GateResult[];
  gatesPassed: boolean;
};

/**
 * Where an alias points now and, when the portal moved it, since when and by whom.
 *
 * @public
 */
export type AliasState = {
  alias: string;
  version: string;
  protected: boolean;
  /** Set when the portal's history knows the move; an alias set outside the portal has none. */
  movedAt?: string;
  movedBy?: string;
  promotionId?: string;
};

/**
 * A Model's registry entry: the registered model, its aliases and versions (newest first).
 *
 * @public
 */
export type RegistryView = {
  instance: string;
  registeredModel: {
    name: string;
    description?: string;
    createdAt?: string;
    updatedAt?: string;
    tags: Record<string, string>;
  };
  protectedAliases: string[];
  aliases: AliasState[];
  versions: ModelVersionSummary[];
};

/**
 * The life of a promotion or rollback request.
 *
 * - `pending_approval`: a protected alias; waits for a second person.
 * - `in_progress`: the portal is moving the alias in the registry.
 * - `completed`: the alias moved.
 * - `blocked`: a quality gate failed; nothing moved.
 * - `rejected`: an approver said no; nothing moved.
 * - `failed`: the registry refused or could not be reached; nothing moved.
 *
 * @public
 */
export type PromotionState =
  | 'pending_approval'
  | 'in_progress'
  | 'completed'
  | 'blocked'
  | 'rejected'
  | 'failed';

/**
 * One entry of a Model's append-only promotion history.
 *
 * @public
 */
export type PromotionRecord = {
  id: string;
  entityRef: string;
  instance: string;
  registeredModel: string;
  action: 'promote' | 'rollback';
  alias: string;
  fromVersion?: string;
  toVersion: string;
  reason: string;
  state: PromotionState;
  requestedBy: string;
  requestedAt: string;
  gates: GateResult[];
  decidedBy?: string;
  decisionComment?: string;
  decidedAt?: string;
  completedAt?: string;
  error?: string;
};

/**
 * What `POST …/promotions` with `dryRun: true` reports: what would happen, with nothing recorded or moved.
 *
 * @public
 */
export type PromotionPlan = {
  alias: string;
  fromVersion?: string;
  toVersion: string;
  gates: GateResult[];
  gatesPassed: boolean;
  needsApproval: boolean;
};

/**
 * The history of a Model's aliases; with `at`, also where each alias pointed at that time.
 *
 * @public
 */
export type PromotionHistory = {
  items: PromotionRecord[];
  at?: string;
  aliasesAt?: Record<string, string>;
};
