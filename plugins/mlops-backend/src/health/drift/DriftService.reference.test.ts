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
import { ChampionInfo } from './ChampionLookup';
import { DriftReferenceStore } from './DriftReferenceStore';
import { DriftService } from './DriftService';

const ENTITY_REF = 'model:default/fraud-detector';
const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');

type Inputs = { amounts: number[]; countries: Record<string, number> };

/** What `sum by (feature, le) (increase(…))` and the category counters answer for these inputs. */
function samples(inputs: Inputs) {
  let cumulative = 0;
  const histograms: PrometheusSample[] = ['10', '50', '100', '+Inf'].map(
    (le, i) => {
      cumulative += inputs.amounts[i];
      return {
        metric: { feature: 'amount', le },
        value: cumulative,
        timestamp: 0,
      };
    },
  );
  const categories = Object.entries(inputs.countries).map(
    ([category, value]) => ({
      metric: { feature: 'country', category },
      value,
      timestamp: 0,
    }),
  );
  return { histograms, categories };
}

/** The inputs the model went live on, and today's: amounts moved to the upper buckets. */
const LIVE_ON: Inputs = {
  amounts: [400, 300, 200, 100],
  countries: { de: 600, fr: 400 },
};
const TODAY: Inputs = {
  amounts: [100, 200, 300, 400],
  countries: { de: 590, fr: 410 },
};

/** The artifact a training run logs (the README's `drift/reference.json`), written out by hand. */
const TRAINING_REFERENCE = JSON.stringify({
  format: 'mlops-drift-reference/v1',
  model: 'fraud-detector',
  rows: 10000,
  numerical: {
    amount: {
      upperBounds: [10, 50, 100, '+Inf'],
      counts: [4000, 3000, 2000, 1000],
    },
  },
  categorical: { country: { de: 6000, fr: 4000 } },
});

/**
 * The drift reference is taken deliberately, in this order: the champion's training-run distributions, the
 * window after the champion went live, and only then the first look, with a warning saying why.
 */
describe('DriftService reference', () => {
  let knex: Knex;
  let references: DriftReferenceStore;
  let now: number;
  let champion: ChampionInfo;
  let artifact: () => Promise<string | undefined>;
  let artifactReads: number;
  /** Inputs at the given evaluation time (ms); `TODAY` otherwise. */
  let past: Map<number, Inputs>;
  const queriedAt: Array<number | undefined> = [];

  const prometheus = {
    query: async (_client: PrometheusClient, query: string, time?: Date) => {
      queriedAt.push(time?.getTime());
      const answer = samples(past.get(time?.getTime() ?? -1) ?? TODAY);
      if (query.includes('mlops_feature_value_bucket')) {
        return answer.histograms;
      }
      if (query.includes('mlops_feature_category_total')) {
        return answer.categories;
      }
      return [];
    },
  } as unknown as CachedPrometheus;
  const client = { instanceName: 'test' } as PrometheusClient;

  const model = (): ModelEntityV1alpha1 => {
    const entity = JSON.parse(
      JSON.stringify(modelEntityV1alpha1Schema.examples[0]),
    );
    entity.spec.monitoring = {
      prometheus: 'default',
      drift: { method: 'psi' },
    };
    return entity;
  };
  const report = () =>
    new DriftService({
      prometheus,
      queries: { ...DRIFT_QUERIES } as any,
      references,
      window: '1h',
      clock: () => new Date(now),
      champions: {
        champion: async () => champion,
        trainingReference: async () => {
          artifactReads += 1;
          return artifact();
        },
      },
    }).report(ENTITY_REF, model(), client);

  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations({ getClient: async () => knex } as any);
    references = new DriftReferenceStore(knex);
    now = NOW;
    champion = { version: '4', notes: [] };
    artifact = async () => undefined;
    artifactReads = 0;
    past = new Map();
    queriedAt.length = 0;
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it("measures against the champion's training-run distributions first, read once", async () => {
    artifact = async () => TRAINING_REFERENCE;
    champion = {
      version: '4',
      promotedAt: new Date(NOW - 5 * HOUR).toISOString(),
      notes: [],
    };
    const first = await report();
    expect(first.reference).toEqual({
      source: 'training-run',
      version: '4',
      capturedAt: new Date(NOW).toISOString(),
      reason:
        "the distributions logged with v4's training run (drift/reference.json)",
    });
    // Today's amounts against the training rows' (shares 0.4/0.3/0.2/0.1): drifted; countries barely moved.
    expect(first.features.map(f => [f.feature, f.drifted])).toEqual([
      ['amount', true],
      ['country', false],
    ]);
    now += HOUR;
    const again = await report();
    expect(again.reference?.source).toBe('training-run');
    expect(again.reference?.capturedAt).toBe(new Date(NOW).toISOString());
    expect(artifactReads).toBe(1);
  });

  it('takes the window after the champion went live when its training run logged none', async () => {
    // Off the hour, so the trend's hourly evaluation times never fall on the window's end.
    const promotedAt = NOW - 5 * HOUR - 7 * 60_000;
    champion = {
      version: '4',
      promotedAt: new Date(promotedAt).toISOString(),
      promotionId: 'p-7',
      notes: [],
    };
    // Prometheus answers the window that ended an hour after the promotion with the inputs v4 went live on.
    past.set(promotedAt + HOUR, LIVE_ON);
    const drift = await report();
    expect(drift.reference).toEqual({
      source: 'after-promotion',
      version: '4',
      capturedAt: new Date(promotedAt + HOUR).toISOString(),
      reason: 'the 1h after v4 became champion (promotion p-7)',
    });
    expect(queriedAt).toContain(promotedAt + HOUR);
    // Amounts moved since v4 went live, countries did not: half the features, the dataset's drift share.
    expect(drift.features.map(f => [f.feature, f.drifted])).toEqual([
      ['amount', true],
      ['country', false],
    ]);
    expect(drift.verdict).toBe('drifted');
    // Stored: the window is not asked for again.
    queriedAt.length = 0;
    now += HOUR;
    expect((await report()).reference?.source).toBe('after-promotion');
    expect(queriedAt).not.toContain(promotedAt + HOUR);
  });

  it('falls back to the first look with a warning until the window after the promotion has passed', async () => {
    const promotedAt = NOW - 20 * 60_000;
    champion = {
      version: '4',
      promotedAt: new Date(promotedAt).toISOString(),
      notes: [],
    };
    const waiting = await report();
    expect(waiting.reference).toEqual({
      source: 'first-look',
      version: '4',
      capturedAt: new Date(NOW).toISOString(),
      reason: 'first look at the model: its current distributions',
      warning: `Drift is measured against the first distributions the portal saw (${new Date(
        NOW,
      ).toISOString()}), which start close to today's by construction, not against a deliberate reference: v4's training run logged no drift/reference.json; the 1h after v4 became champion ends at ${new Date(
        promotedAt + HOUR,
      ).toISOString()}, and becomes the reference then.`,
    });
    // Today against itself: nothing can drift.
    expect(waiting.features.every(f => f.score === 0)).toBe(true);

    now = promotedAt + HOUR + 60_000;
    past.set(promotedAt + HOUR, LIVE_ON);
    const later = await report();
    expect(later.reference?.source).toBe('after-promotion');
    expect(later.reference?.warning).toBeUndefined();
  });

  it('says why neither deliberate reference exists: no champion in the registry, an unreadable artifact', async () => {
    champion = { notes: ['the registry has no champion alias'] };
    const none = await report();
    expect(none.reference).toMatchObject({
      source: 'first-look',
      warning: expect.stringMatching(
        /not against a deliberate reference: the registry has no champion alias\.$/,
      ),
    });
    expect(none.reference?.version).toBeUndefined();

    champion = { version: '5', notes: [] };
    artifact = async () => '{"format": "something-else"}';
    const invalid = await report();
    expect(invalid.reference?.source).toBe('first-look');
    expect(invalid.reference?.version).toBe('5');
    expect(invalid.reference?.warning).toContain(
      "v5's drift/reference.json is not a mlops-drift-reference/v1 reference: format:",
    );
    expect(invalid.reference?.warning).toContain(
      'the promotion history has no move of the champion alias to v5',
    );

    champion = { version: '6', notes: [] };
    artifact = async () => {
      throw new Error('MLflow instance default unreachable');
    };
    const unreadable = await report();
    expect(unreadable.reference?.warning).toContain(
      "v6's training run's drift/reference.json could not be read (MLflow instance default unreachable)",
    );
  });

  it('names the features whose buckets differ from the training reference instead of scoring them', async () => {
    artifact = async () =>
      JSON.stringify({
        format: 'mlops-drift-reference/v1',
        numerical: {
          amount: { upperBounds: [20, 60, '+Inf'], counts: [10, 20, 30] },
        },
        categorical: { country: { de: 6000, fr: 4000 } },
      });
    const drift = await report();
    expect(drift.reference?.source).toBe('training-run');
    expect(drift.features.map(f => f.feature)).toEqual(['country']);
    expect(drift.message).toBe(
      "Not compared: amount (their buckets differ from the reference's)",
    );
  });
});
