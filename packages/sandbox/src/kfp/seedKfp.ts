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
  /*
   * The training pipeline registers a model version only when its validate gate passes, and the gate fails the
   * run otherwise: a SUCCEEDED run always registered a version (tagged with its run id, `kfp_run_id`). So the
   * nightly runs of the last days, which registered nothing, failed, and each says where and why; the drift
   * retraining two weeks ago registered v6 (seedMlflow).
   */
  fake.addRun('fraud-detector-training', {
    displayName: 'nightly 2026-11-24',
    ageMs: 72 * hour,
    outcome: 'FAILED',
    durationMs: 41 * 60_000,
    parameters: { max_depth: 9, eta: 0.1 },
    failure: {
      task: 'Validate gate',
      message:
        'RuntimeError: Quality gates failed: precision_at_1pct_fpr 0.58 < 0.6',
    },
  });
  fake.addRun('fraud-detector-training', {
    displayName: 'nightly 2026-11-25',
    ageMs: 48 * hour,
    outcome: 'FAILED',
    durationMs: 7 * 60_000,
    parameters: { max_depth: 9, eta: 0.1 },
    failure: {
      task: 'Train',
      message:
        'OOMKilled (exit code 137): the container used more than its 8G memory limit',
    },
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
    outcome: 'FAILED',
    durationMs: 43 * 60_000,
    parameters: { max_depth: 10, eta: 0.1 },
    failure: {
      task: 'Validate gate',
      message: 'RuntimeError: Quality gates failed: auc 0.897 < 0.9',
    },
  });
  fake.addRun('churn-training', {
    displayName: 'weekly 2026-11-23',
    ageMs: 96 * hour,
    outcome: 'SUCCEEDED',
    durationMs: 25 * 60_000,
  });
  // The churn predictor is a batch model: these runs score every active customer, and are its scoring runs.
  fake.addPipeline('churn-scoring', 'Daily churn scoring of active customers', {
    parameters: { scoring_date: { parameterType: 'STRING' } },
    schedule: '0 0 6 * * *',
  });
  for (const [day, ageHours, minutes] of [
    ['2026-11-24', 72, 18],
    ['2026-11-25', 48, 17],
    ['2026-11-26', 24, 19],
  ] as const) {
    fake.addRun('churn-scoring', {
      displayName: `daily scoring ${day}`,
      ageMs: ageHours * hour,
      outcome: 'SUCCEEDED',
      durationMs: minutes * 60_000,
      parameters: { scoring_date: day },
    });
  }
}
