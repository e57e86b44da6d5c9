import { FeastRegistryFake } from './FeastRegistryFake';

const minute = 60_000;
const hour = 60 * minute;

/**
 * DEMO DATA: the example feature views as `feast apply` would register them. The stream view was materialized
 * minutes ago; the merchant-risk batch job last ran 56 hours ago, past its two-day TTL, so its page shows the
 * staleness warning; the customer profile lives offline only.
 */
export function seedFeast(fake: FeastRegistryFake) {
  fake.applyFeatureView('fraud', {
    type: 'streamFeatureView',
    name: 'customer_transactions',
    description: 'Rolling transaction counts and amounts per card holder',
    owner: 'data-platform@example.com',
    tags: { team: 'data-platform' },
    entities: ['customer_id'],
    entityColumns: [{ name: 'customer_id', valueType: 'INT64' }],
    features: [
      {
        name: 'txn_count_1h',
        valueType: 'INT64',
        description: 'Authorisations in the last hour',
      },
      {
        name: 'txn_amount_sum_24h',
        valueType: 'DOUBLE',
        description: 'Sum of authorised amounts in the last 24 hours',
      },
      { name: 'distinct_merchants_7d', valueType: 'INT64' },
      { name: 'home_country_mismatch', valueType: 'BOOL' },
    ],
    ttlSeconds: 6 * 3600,
    streamSource: { name: 'card_authorisations_kafka', type: 'STREAM_KAFKA' },
    batchSource: {
      name: 'card_authorisations_archive',
      type: 'BATCH_FILE',
      timestampField: 'event_timestamp',
    },
    online: true,
    offline: true,
    materializedAgoMs: [24 * hour + 12 * minute, 12 * minute],
  });
  fake.applyFeatureView('fraud', {
    type: 'featureView',
    name: 'merchant_risk',
    description: 'Chargeback-based risk profile per merchant, recomputed daily',
    owner: 'data-platform@example.com',
    entities: ['merchant_id'],
    entityColumns: [{ name: 'merchant_id', valueType: 'STRING' }],
    features: [
      { name: 'merchant_risk_score', valueType: 'FLOAT' },
      { name: 'chargeback_rate_30d', valueType: 'DOUBLE' },
      { name: 'merchant_category_code', valueType: 'STRING' },
    ],
    ttlSeconds: 2 * 86_400,
    batchSource: {
      name: 'merchant_chargebacks_daily',
      type: 'BATCH_FILE',
      timestampField: 'event_timestamp',
    },
    online: true,
    offline: true,
    materializedAgoMs: [80 * hour, 56 * hour],
  });
  fake.applyFeatureView('growth', {
    type: 'featureView',
    name: 'customer_profile',
    description: 'Tenure, plan and engagement features per customer',
    owner: 'data-platform@example.com',
    entities: ['customer_id'],
    entityColumns: [{ name: 'customer_id', valueType: 'INT64' }],
    features: [
      { name: 'tenure_days', valueType: 'INT64' },
      { name: 'plan', valueType: 'STRING' },
      { name: 'logins_30d', valueType: 'INT64' },
      { name: 'support_tickets_90d', valueType: 'INT32' },
    ],
    ttlSeconds: 7 * 86_400,
    batchSource: {
      name: 'customer_profile_daily',
      type: 'BATCH_BIGQUERY',
      timestampField: 'snapshot_date',
    },
    online: false,
    offline: true,
    materializedAgoMs: [20 * hour],
  });
}
