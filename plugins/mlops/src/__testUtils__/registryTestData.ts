import {
  entityPresentationApiRef,
  EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import {
  GateResult,
  ModelEntityV1alpha1,
  PromotionRecord,
  RegistryView,
} from '@mlops-portal/plugin-mlops-common';
import { exampleModel } from './exampleEntities';
import { FakeMlopsApi } from './FakeMlopsApi';

/*
 * Data for the Registry tab's tests: the fraud model of examples/fraud-detection.yaml with its `spec.metrics`, and
 * a registry as the backend answers it, where champion v4 sets the F1 regression bound and v5 falls below it.
 */

/** The example Model with display names and units for three of its four gated metrics (`f1` has none). */
export function modelWithMetrics(): ModelEntityV1alpha1 {
  const model = exampleModel();
  model.spec.metrics = [
    { name: 'auc', title: 'AUC' },
    {
      name: 'precision_at_1pct_fpr',
      title: 'Precision at 1% FPR',
      unit: 'ratio',
    },
    {
      name: 'p95_latency_ms',
      title: 'p95 latency',
      unit: 'ms',
      higherIsBetter: false,
    },
  ];
  return model;
}

const CHAMPION_F1 = 0.79;
const F1_RATIO = 0.95;

/** The gate results the backend computes for a version with these metrics (see evaluateQualityGates). */
function gatesOf(metrics: Record<string, number>): GateResult[] {
  const bound = (
    metric: string,
    kind: GateResult['kind'],
    threshold: number,
    effective: number,
    champion?: number,
  ): GateResult => {
    const measured = metrics[metric];
    const passed = kind.startsWith('min')
      ? measured >= effective
      : measured <= effective;
    return {
      metric,
      kind,
      threshold,
      effectiveThreshold: effective,
      measured,
      champion,
      passed,
      reason: passed ? undefined : `${metric} = ${measured} fails`,
    };
  };
  return [
    bound('auc', 'min', 0.9, 0.9),
    bound('precision_at_1pct_fpr', 'min', 0.6, 0.6),
    bound('p95_latency_ms', 'max', 50, 50),
    bound(
      'f1',
      'minRatioOfChampion',
      F1_RATIO,
      F1_RATIO * CHAMPION_F1,
      CHAMPION_F1,
    ),
  ];
}

function version(
  v: string,
  aliases: string[],
  metrics: Record<string, number>,
) {
  const gates = gatesOf(metrics);
  return {
    version: v,
    status: 'READY',
    runId: `run-${v}`,
    createdAt: '2026-11-20T10:00:00.000Z',
    aliases,
    metrics,
    gates,
    gatesPassed: gates.every(g => g.passed),
  };
}

/**
 * Champion v4 (moved there from v3 by Amira through the portal, request `p1`), challenger v3 set outside the
 * portal, and v5 whose F1 0.74 is below 0.95 × the champion's 0.79.
 */
export function registryWithRegressionGate(): RegistryView {
  return {
    instance: 'default',
    registeredModel: { name: 'fraud-detector', tags: {} },
    protectedAliases: ['champion'],
    aliases: [
      {
        alias: 'champion',
        version: '4',
        protected: true,
        movedAt: '2026-11-25T09:30:00.000Z',
        movedBy: 'user:default/amira.haddad',
        promotionId: 'p1',
      },
      { alias: 'challenger', version: '3', protected: false },
    ],
    versions: [
      version('5', [], {
        auc: 0.93,
        precision_at_1pct_fpr: 0.631,
        p95_latency_ms: 38,
        f1: 0.74,
      }),
      version('4', ['champion'], {
        auc: 0.92,
        precision_at_1pct_fpr: 0.64,
        p95_latency_ms: 36,
        f1: CHAMPION_F1,
      }),
      version('3', ['challenger'], {
        auc: 0.91,
        precision_at_1pct_fpr: 0.62,
        p95_latency_ms: 41,
        f1: 0.78,
      }),
    ],
  };
}

/** Amira's completed move of champion v3 → v4, and Jonas's attempt to make v5 champion, refused by its gates. */
export function historyWithRefusal(registry: RegistryView): PromotionRecord[] {
  const base = {
    entityRef: 'model:default/fraud-detector',
    instance: 'default',
    registeredModel: 'fraud-detector',
    action: 'promote' as const,
    alias: 'champion',
  };
  return [
    {
      ...base,
      id: 'p1',
      fromVersion: '3',
      toVersion: '4',
      reason: 'v4 wins the shadow test',
      state: 'completed',
      requestedBy: 'user:default/amira.haddad',
      requestedAt: '2026-11-24T09:00:00.000Z',
      decidedBy: 'user:default/omar.khalil',
      decisionComment: 'checked the shadow report',
      completedAt: '2026-11-25T09:30:00.000Z',
      gates: registry.versions.find(v => v.version === '4')!.gates,
    },
    {
      ...base,
      id: 'p2',
      fromVersion: '4',
      toVersion: '5',
      reason: 'smaller and faster',
      state: 'blocked',
      requestedBy: 'user:default/jonas.berg',
      requestedAt: '2026-11-26T09:00:00.000Z',
      gates: registry.versions.find(v => v.version === '5')!.gates,
    },
  ];
}

/** People's catalog display names, as the catalog plugin's presentation API would give them. */
export const displayNames: Record<string, string> = {
  'user:default/amira.haddad': 'Amira Haddad',
  'user:default/jonas.berg': 'Jonas Berg',
  'user:default/omar.khalil': 'Omar Khalil',
};

/** An entity presentation API that knows {@link displayNames}, and shows any other ref as written. */
export const namesApi: [
  typeof entityPresentationApiRef,
  EntityPresentationApi,
] = [
  entityPresentationApiRef,
  {
    forEntity(entityOrRef) {
      const entityRef = String(entityOrRef);
      const snapshot = {
        entityRef,
        primaryTitle: displayNames[entityRef] ?? entityRef,
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  },
];

/** The fraud model's registry with a regression gate on F1, and its history with one refused attempt. */
export function apiWithRegressionGate() {
  const api = new FakeMlopsApi();
  api.registry = registryWithRegressionGate();
  api.history = historyWithRefusal(api.registry);
  return api;
}
