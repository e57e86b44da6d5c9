import {
  PromotionRecord,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';

/** A rollout that reached a state a person should know about. */
export type RolloutStateNotice = {
  rolloutId: string;
  /** The Model's entity reference. */
  entityRef: string;
  state: Extract<
    RolloutState,
    'Paused' | 'RolledBack' | 'Failed' | 'Succeeded'
  >;
  /** Why it got there, e.g. the analysis that paused it. */
  reason: string;
  candidateVersion: string;
  alias: string;
};

/** A retraining run the drift check started. */
export type RetrainingNotice = {
  /** The Model's entity reference. */
  entityRef: string;
  /** What drifted, in words. */
  reason: string;
  /** The Kubeflow run started. */
  runId: string;
  /** The Pipeline entity whose run it is (its Runs tab shows the run). */
  pipelineRef?: string;
};

/** A feature view whose data is older than it may be. */
export type FeatureViewStaleNotice = {
  /** The FeatureView's entity reference. */
  featureViewRef: string;
  /** Why it is stale, e.g. "last materialized 3 h ago; allowed 1 h". */
  reason: string;
  /** The Models that consume it (their owners are told too). */
  consumerRefs: string[];
};

/** An alias moved in the registry itself, not through the portal. */
export type OutsideAliasMoveNotice = {
  /** The Model's entity reference. */
  entityRef: string;
  alias: string;
  /** The version the alias now points at; absent when the alias was deleted. */
  version?: string;
  /** When the registry says it happened (ISO 8601). */
  movedAt: string;
};

/**
 * Tells people about what happened to their models, through Backstage notifications. Every notification's
 * `topic` is the entity it is about (so a user can mute one entity in the notification settings) and its
 * `scope` names the thing that changes (a promotion, a rollout, a staleness), so a later state of the same
 * thing updates the notification instead of adding one. Sending never throws: the event already happened,
 * and a notification that could not be sent is logged.
 */
export interface MlopsNotifier {
  /** A protected alias move waits: tells the approvers (or the owners), never the requester. */
  approvalRequested(promotion: PromotionRecord): Promise<void>;
  /** A pending move was approved or rejected: tells the requester. */
  approvalDecided(promotion: PromotionRecord): Promise<void>;
  /**
   * The pull request of a move in `pull-request` mode was merged or closed without merging (its review was the
   * approval): tells the requester, as for a decision.
   */
  pullRequestSettled(promotion: PromotionRecord): Promise<void>;
  /** Tells the Model's owners, with severity by state. */
  rolloutStateReached(notice: RolloutStateNotice): Promise<void>;
  /** Tells the Model's owners which run started and why. */
  retrainingStarted(notice: RetrainingNotice): Promise<void>;
  /** Tells the owners of the feature view and of its consumers; the caller sends it once per episode. */
  featureViewStale(notice: FeatureViewStaleNotice): Promise<void>;
  /** A protected alias moved outside the portal: tells the Model's owners. */
  aliasMovedOutsidePortal(notice: OutsideAliasMoveNotice): Promise<void>;
}
