import { KfpFake } from './KfpFake';

/** The seeded fraud run that registered fraud-detector version 6 in the MLflow stand-in (its `kfp_run_id` tag). */
export const SEEDED_FRAUD_RUN_ID = '5b0f3c9e-6f1d-4d1e-9a3e-0c6b2f7d8a41';

/** DEMO DATA: the example pipelines, with a few runs in different states. */
export function seedKfp(fake: KfpFake) {
  fake.addPipeline(
    'fraud-detector-training',
    'preprocess → train → evaluate → validate gate',
    {
      parameters: {
        training_window_days: {
          parameterType: 'NUMBER_INTEGER',
          defaultValue: 90,
          isOptional: true,
        },
        max_depth: {
          parameterType: 'NUMBER_INTEGER',
          defaultValue: 9,
          isOptional: true,
        },
        eta: {
          parameterType: 'NUMBER_DOUBLE',
          defaultValue: 0.1,
          isOptional: true,
        },
        min_auc: {
          parameterType: 'NUMBER_DOUBLE',
          defaultValue: 0.9,
          isOptional: true,
        },
        drift_reason: {
          parameterType: 'STRING',
          defaultValue: '',
          isOptional: true,
        },
      },
      schedule: '0 0 3 * * *',
    },
  );
  fake.addPipeline('churn-training', 'Weekly churn model training', {
    parameters: { dataset_uri: { parameterType: 'STRING' } },
    schedule: '0 0 5 * * 1',
  });
  const hour = 3_600_000;
  fake.addRun('fraud-detector-training', {
    displayName: 'nightly 2026-11-24',
    ageMs: 72 * hour,
    outcome: 'SUCCEEDED',
    durationMs: 41 * 60_000,
    parameters: { max_depth: 9, eta: 0.1 },
  });
  fake.addRun('fraud-detector-training', {
    displayName: 'nightly 2026-11-25',
    ageMs: 48 * hour,
    outcome: 'FAILED',
    durationMs: 7 * 60_000,
    parameters: { max_depth: 9, eta: 0.1 },
  });
  fake.addRun('fraud-detector-training', {
    displayName: 'retrain 2026-11-13',
    ageMs: 14 * 24 * hour + hour,
    outcome: 'SUCCEEDED',
    durationMs: 44 * 60_000,
    parameters: { max_depth: 11, eta: 0.1 },
    runId: SEEDED_FRAUD_RUN_ID,
  });
  fake.addRun('fraud-detector-training', {
    displayName: 'nightly 2026-11-26',
    ageMs: 24 * hour,
    outcome: 'SUCCEEDED',
    durationMs: 43 * 60_000,
    parameters: { max_depth: 10, eta: 0.1 },
  });
  fake.addRun('churn-training', {
    displayName: 'weekly 2026-11-23',
    ageMs: 96 * hour,
    outcome: 'SUCCEEDED',
    durationMs: 25 * 60_000,
  });
}
