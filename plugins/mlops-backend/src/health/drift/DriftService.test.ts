import {
  modelEntityV1alpha1Schema,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import knexFactory, { Knex } from 'knex';
import { applyMigrations } from '../../shared/database/applyMigrations';
import { CachedPrometheus } from '../../shared/prometheus/CachedPrometheus';
import {
  PrometheusClient,
  PrometheusSample,
} from '../../shared/prometheus/PrometheusClient';
import { DRIFT_QUERIES } from '../queryTemplates';
import { ChampionSource } from './ChampionLookup';
import { DriftReferenceStore } from './DriftReferenceStore';
import { DriftService } from './DriftService';

const ENTITY_REF = 'model:default/fraud-detector';
const BOUNDS = [10, 50, 100, Infinity];

/** Cumulative `le` buckets of `feature` for per-bin counts, as `sum by (feature, le) (increase(…))` answers. */
function histogram(feature: string, counts: number[]): PrometheusSample[] {
  let cumulative = 0;
  return BOUNDS.map((le, i) => {
    cumulative += counts[i];
    return {
      metric: { feature, le: le === Infinity ? '+Inf' : String(le) },
      value: cumulative,
      timestamp: 0,
    };
  });
}

function categories(
  feature: string,
  counts: Record<string, number>,
): PrometheusSample[] {
  return Object.entries(counts).map(([category, value]) => ({
    metric: { feature, category },
    value,
    timestamp: 0,
  }));
}

/**
 * The drift verdict waits for data: fewer observations in the window than `minSamples` (default 100) in any
 * feature is `insufficient-data`, not a verdict computed from a handful of requests.
 */
describe('DriftService', () => {
  let knex: Knex;
  let references: DriftReferenceStore;
  /** What the fake Prometheus answers now (and at every earlier time of the trend). */
  let current: {
    histograms: PrometheusSample[];
    categories: PrometheusSample[];
  };

  // A CachedPrometheus stand-in: answers the drift queries from `current`, no drift gauges.
  const prometheus = {
    query: async (_client: PrometheusClient, query: string) => {
      if (query.includes('mlops_feature_value_bucket')) {
        return current.histograms;
      }
      if (query.includes('mlops_feature_category_total')) {
        return current.categories;
      }
      return [];
    },
  } as unknown as CachedPrometheus;
  const client = { instanceName: 'test' } as PrometheusClient;

  const model = (minSamples?: number): ModelEntityV1alpha1 => {
    const entity = JSON.parse(
      JSON.stringify(modelEntityV1alpha1Schema.examples[0]),
    );
    entity.spec.monitoring = {
      prometheus: 'default',
      drift: { method: 'psi', threshold: 0.2, minSamples },
    };
    return entity;
  };
  /** The registry and history as drift sees them: champion v4, whose training run logged no reference. */
  const champions: ChampionSource = {
    champion: async () => ({ version: '4', notes: [] }),
    trainingReference: async () => undefined,
  };
  const service = () =>
    new DriftService({
      prometheus,
      queries: { ...DRIFT_QUERIES } as any,
      references,
      window: '1h',
      champions,
    });

  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations({ getClient: async () => knex } as any);
    references = new DriftReferenceStore(knex);
    // The reference: plenty of observations of both features.
    await references.add({
      entityRef: ENTITY_REF,
      source: 'after-promotion',
      version: '4',
      reason: 'the 1h after v4 became champion',
      capturedAt: new Date(Date.now() - 86_400_000).toISOString(),
      distributions: {
        numerical: {
          amount: { upperBounds: BOUNDS, counts: [400, 300, 200, 100] },
        },
        categorical: { country: { de: 600, fr: 400 } },
      },
    });
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('answers insufficient-data when a feature has fewer observations than the default 100', async () => {
    // The numerical feature is heavily shifted, but 60 observations are too few to say so.
    current = {
      histograms: histogram('amount', [0, 0, 20, 40]),
      categories: categories('country', { de: 300, fr: 200 }),
    };
    const report = await service().report(ENTITY_REF, model(), client);
    expect(report.source).toBe('histograms');
    expect(report.verdict).toBe('insufficient-data');
    expect(report.message).toBe(
      'Fewer than 100 observations in the last 1h for some features; no verdict yet',
    );
    // The feature without enough data is not scored; the other one is.
    expect(report.features.map(f => f.feature)).toEqual(['country']);
  });

  it('answers insufficient-data for a categorical feature below the Model’s minSamples', async () => {
    current = {
      histograms: histogram('amount', [400, 300, 200, 100]),
      categories: categories('country', { de: 150, fr: 100 }),
    };
    const report = await service().report(ENTITY_REF, model(300), client);
    expect(report.verdict).toBe('insufficient-data');
    expect(report.message).toBe(
      'Fewer than 300 observations in the last 1h for some features; no verdict yet',
    );
    expect(report.features.map(f => f.feature)).toEqual(['amount']);
  });

  it('gives a verdict once every feature reached minSamples', async () => {
    // The same shifted shape as above, now with enough observations: drift.
    current = {
      histograms: histogram('amount', [0, 0, 200, 400]),
      categories: categories('country', { de: 300, fr: 200 }),
    };
    const drifted = await service().report(ENTITY_REF, model(), client);
    expect(drifted.verdict).toBe('drifted');
    expect(drifted.features.map(f => [f.feature, f.samples])).toEqual([
      ['amount', 600],
      ['country', 500],
    ]);

    // 60 observations are enough when the Model asks for 50.
    current.histograms = histogram('amount', [24, 18, 12, 6]);
    const stable = await service().report(ENTITY_REF, model(50), client);
    expect(stable.verdict).toBe('stable');
    expect(stable.message).toBeUndefined();
  });
});
