import { SEEDED_FRAUD_RUN_ID } from '../kfp/seedKfp';
import {
  DRIFT_REFERENCE_ARTIFACT,
  fraudTrainingReference,
} from '../metrics/fraudTrainingReference';
import { MlflowFake } from './MlflowFake';

const DAY = 24 * 60 * 60 * 1000;

/**
 * DEMO DATA: the registered models behind the example Model entities, with versions whose run metrics make the
 * quality gates interesting (a version that fails the AUC gate, a challenger that beats the champion), and the
 * drift reference the champion's training run logged; and an experiment no YAML describes, which the catalog's
 * Model entity provider discovers from its tags.
 */
export function seedMlflow(fake: MlflowFake, now = Date.now()) {
  fake.createRegisteredModel('fraud-detector', {
    description: 'Card-authorisation fraud classifier (XGBoost)',
    tags: { team: 'fraud-ml', 'backstage.io/owner': 'group:default/fraud-ml' },
    createdAt: now - 120 * DAY,
  });
  const fraud: Array<Record<string, number>> = [
    { auc: 0.861, precision_at_1pct_fpr: 0.52, p95_latency_ms: 31, f1: 0.71 },
    { auc: 0.889, precision_at_1pct_fpr: 0.57, p95_latency_ms: 33, f1: 0.74 },
    { auc: 0.912, precision_at_1pct_fpr: 0.61, p95_latency_ms: 35, f1: 0.77 },
    {
      auc: 0.924,
      precision_at_1pct_fpr: 0.64,
      p95_latency_ms: 36,
      f1: 0.79,
      // The champion's run also evaluated slices of the test set, logged as `slice/<slice>/<metric>` (the
      // model card's convention): card-present and card-not-present payments, and customers under 30 days old.
      'slice/card_present/auc': 0.941,
      'slice/card_present/precision_at_1pct_fpr': 0.69,
      'slice/card_not_present/auc': 0.903,
      'slice/card_not_present/precision_at_1pct_fpr': 0.58,
      'slice/new_customer/auc': 0.871,
      'slice/new_customer/precision_at_1pct_fpr': 0.47,
    },
    { auc: 0.883, precision_at_1pct_fpr: 0.58, p95_latency_ms: 34, f1: 0.73 },
    { auc: 0.936, precision_at_1pct_fpr: 0.67, p95_latency_ms: 38, f1: 0.81 },
  ];
  fraud.forEach((metrics, index) =>
    fake.addVersion('fraud-detector', {
      metrics,
      createdAt: now - (fraud.length - index) * 14 * DAY,
      userId: 'kfp-fraud-detector-training',
      params: { max_depth: String(6 + index), eta: '0.1' },
      // The newest version came from a Kubeflow run the KFP stand-in also serves (run → version link).
      ...(index === fraud.length - 1
        ? { tags: { kfp_run_id: SEEDED_FRAUD_RUN_ID } }
        : {}),
      // The champion's training run logged its input distributions, the Model's drift reference. The other
      // runs predate that step, so a newly promoted version is measured against its first hours as champion.
      ...(index === 3
        ? {
            artifacts: {
              [DRIFT_REFERENCE_ARTIFACT]: fraudTrainingReference(),
            },
          }
        : {}),
    }),
  );
  fake.setAlias('fraud-detector', 'champion', '4');
  fake.setAlias('fraud-detector', 'challenger', '6');

  fake.createRegisteredModel('churn-predictor', {
    description: '30-day churn propensity (LightGBM)',
    tags: { team: 'growth-ml' },
    createdAt: now - 60 * DAY,
  });
  const churn = [{ auc: 0.79 }, { auc: 0.82 }, { auc: 0.835 }];
  churn.forEach((metrics, index) =>
    fake.addVersion('churn-predictor', {
      metrics,
      createdAt: now - (churn.length - index) * 7 * DAY,
      userId: 'kfp-churn-training',
    }),
  );
  fake.setAlias('churn-predictor', 'champion', '2');
  fake.setAlias('churn-predictor', 'challenger', '3');

  // Written in no YAML: the catalog discovers it (owner, system, type and framework from these tags).
  fake.createRegisteredModel('transaction-anomaly-detector', {
    description:
      'Unsupervised anomaly scores for card transactions, an experiment of the fraud team (not served yet)',
    tags: {
      'backstage.io/owner': 'group:default/fraud-ml',
      'backstage.io/system': 'fraud-detection',
      model_type: 'anomaly-detection',
      framework: 'pytorch',
    },
    createdAt: now - 10 * DAY,
  });
  fake.addVersion('transaction-anomaly-detector', {
    metrics: { auc: 0.87 },
    createdAt: now - 3 * DAY,
    userId: 'li.wei',
  });
}
