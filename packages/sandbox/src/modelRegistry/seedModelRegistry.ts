import { ModelRegistryFake } from './ModelRegistryFake';

const DAY = 24 * 60 * 60 * 1000;

/**
 * DEMO DATA: the registered model behind the example `churn-predictor` Model (system customer-growth), served
 * from the Kubeflow Model Registry. Its versions' metrics are numeric custom properties (the quality gate reads
 * `auc`), and its aliases are the portal's `mlops.alias.<alias>` properties: champion is version 2 (what the
 * sandbox's KServe InferenceService serves), challenger version 3.
 */
export function seedModelRegistry(fake: ModelRegistryFake, now = Date.now()) {
  fake.createRegisteredModel('churn-predictor', {
    description: '30-day churn propensity (LightGBM)',
    owner: 'growth-ml',
    customProperties: {
      team: 'growth-ml',
      'backstage.io/owner': 'group:default/growth-ml',
    },
    createdAt: now - 60 * DAY,
  });
  const versions = [
    { auc: 0.79, training_rows: 1_180_000, fairness_review_passed: true },
    { auc: 0.82, training_rows: 1_240_000, fairness_review_passed: true },
    { auc: 0.835, training_rows: 1_310_000, fairness_review_passed: false },
  ];
  const ids = versions.map((metrics, index) =>
    fake.addVersion('churn-predictor', {
      name: String(index + 1),
      author: 'kfp-churn-training',
      description: `Weekly retraining, week ${index + 1}`,
      createdAt: now - (versions.length - index) * 7 * DAY,
      customProperties: {
        // A double, an int32 (sent as a string) and a boolean: the registry's typed values.
        auc: { metadataType: 'MetadataDoubleValue', double_value: metrics.auc },
        training_rows: metrics.training_rows,
        fairness_review_passed: metrics.fairness_review_passed,
        framework: 'lightgbm',
      },
      uri: `s3://finwise-models/churn-predictor/${index + 1}/`,
      modelFormatName: 'lightgbm',
    }),
  );
  fake.setModelProperty('churn-predictor', 'mlops.alias.champion', ids[1]);
  fake.setModelProperty('churn-predictor', 'mlops.alias.challenger', ids[2]);
}
