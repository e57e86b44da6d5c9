import { Entity } from '@backstage/catalog-model';
import { FeastViewSeed } from '@mlops-portal/sandbox';
import { fraudDetectorModel } from '../../__testUtils__/startMlopsBackend';

/*
 * The catalog the health tests read: Models monitored on Prometheus `default`, served on the sandbox's cluster,
 * and the feature view they read, as Feast's registry stand-in holds it.
 */

/** fraud-detector, served online by Seldon; drift by the defaults of api-contracts §6 (normed Wasserstein for
 * numerical features, Jensen–Shannon for categorical). */
export const fraud = fraudDetectorModel();
fraud.spec.serving = { ...fraud.spec.serving!, cluster: 'sandbox' };
fraud.spec.monitoring = { prometheus: 'default' };

/** The same model with a latency gate: its live p95 (about 73 ms in the sandbox) breaks ≤ 50 ms, not ≤ 500 ms. */
export const gated: typeof fraud = JSON.parse(JSON.stringify(fraud));
gated.metadata.name = 'fraud-gated';
gated.spec.metrics = [
  { name: 'p95_latency_ms', title: 'p95 latency', unit: 'ms' },
];
gated.spec.qualityGates = [
  { metric: 'auc', min: 0.9 },
  { metric: 'p95_latency_ms', max: 50 },
  { metric: 'p99_latency_ms', max: 500 },
];

/** A batch model: scored in pipeline runs, so the sandbox's lack of traffic for it says nothing. */
export const churn = JSON.parse(JSON.stringify(fraud));
churn.metadata.name = 'churn-predictor';
churn.spec.registry.modelName = 'churn-predictor';
churn.spec.featureViews = [];
churn.spec.serving = {
  mode: 'batch',
  scoringPipeline: 'pipeline:churn-scoring',
  platform: 'kserve',
  cluster: 'sandbox',
  namespace: 'growth',
  resourceName: 'churn-predictor',
};

/** The same model served online, which gets no traffic in the sandbox. */
export const churnOnline = JSON.parse(JSON.stringify(churn));
churnOnline.metadata.name = 'churn-online';
delete churnOnline.spec.serving.mode;

/** The feature view fraud-detector reads (TTL 6 h). */
export const transactionsView: Entity = {
  apiVersion: 'mlops.backstage.io/v1alpha1',
  kind: 'FeatureView',
  metadata: { name: 'customer-transactions', namespace: 'default' },
  spec: {
    lifecycle: 'production',
    owner: 'group:default/data-platform',
    entities: ['customer_id'],
    features: [{ name: 'txn_count_1h', type: 'INT64' }],
    ttl: 'PT6H',
    online: true,
    feast: { project: 'fraud', name: 'customer_transactions' },
  },
};

/** customer_transactions as Feast's registry holds it (TTL 6 h), last materialized `materializedAgoMs` ago. */
export const customerTransactions = (
  materializedAgoMs: number[],
): FeastViewSeed => ({
  type: 'streamFeatureView',
  name: 'customer_transactions',
  entities: ['customer_id'],
  features: [{ name: 'txn_count_1h', valueType: 'INT64' }],
  ttlSeconds: 6 * 3600,
  online: true,
  offline: true,
  materializedAgoMs,
});
