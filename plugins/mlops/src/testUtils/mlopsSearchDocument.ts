import type { MlopsSearchDocument } from '@mlops-portal/plugin-mlops-common';

/**
 * A search document of type `mlops` as the MLOps collator writes it for the demo's fraud-detector Model (a champion
 * and a challenger with metrics, health `warning`, two feature views), for testing search pages and result items.
 * Pass `overrides` to change any field, e.g. `{ health: '' }` for a Model whose health could not be read.
 *
 * @public
 */
export function mlopsSearchDocument(
  overrides: Partial<MlopsSearchDocument> = {},
): MlopsSearchDocument {
  return {
    title: 'Fraud detector',
    text: 'Gradient-boosted classifier that scores card authorisations for fraud Features: txn_count_1h, txn_amount_sum_24h.',
    location: '/catalog/default/model/fraud-detector',
    authorization: { resourceRef: 'model:default/fraud-detector' },
    kind: 'Model',
    entityRef: 'model:default/fraud-detector',
    namespace: 'default',
    name: 'fraud-detector',
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:default/fraud-ml',
    system: 'system:default/fraud-detection',
    framework: 'xgboost',
    championVersion: '4',
    championMetrics: ['AUC 0.924', 'F1 0.79'],
    challengerVersion: '6',
    challengerMetrics: ['AUC 0.936'],
    health: 'warning',
    featureViews: [
      'featureview:default/customer-transactions',
      'featureview:default/merchant-risk',
    ],
    featureViewTitles: ['Customer transactions', 'Merchant risk'],
    features: ['txn_count_1h', 'txn_amount_sum_24h'],
    tags: ['xgboost'],
    ...overrides,
  };
}
