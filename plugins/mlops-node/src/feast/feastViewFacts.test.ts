import { FeastFeatureView } from './feastTypes';
import {
  durationSeconds,
  freshnessOf,
  isoDuration,
  sourceOf,
} from './feastViewFacts';

const view = (
  overrides: Partial<FeastFeatureView['spec']>,
  ends: string[] = [],
): FeastFeatureView => ({
  type: 'featureView',
  spec: { name: 'v', ...overrides },
  meta: {
    materializationIntervals: ends.map(endTime => ({
      startTime: '2026-01-01T00:00:00Z',
      endTime,
    })),
  },
});

describe('feast view facts', () => {
  it('reads protobuf durations and writes ISO 8601 ones', () => {
    expect(durationSeconds('86400s')).toBe(86400);
    expect(durationSeconds('1.5s')).toBe(1.5);
    expect(durationSeconds('0s')).toBeUndefined();
    expect(durationSeconds(undefined)).toBeUndefined();
    expect(durationSeconds('P1D')).toBeUndefined();
    expect(isoDuration(86400)).toBe('P1D');
    expect(isoDuration(6 * 3600)).toBe('PT6H');
    expect(isoDuration(86400 + 1800 + 5)).toBe('P1DT30M5S');
    expect(isoDuration(0)).toBe('PT0S');
  });

  it('calls an online view stale once its last materialization is older than the TTL', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    const fresh = freshnessOf(
      view({ ttl: '21600s', online: true }, [
        '2026-11-27T02:00:00Z',
        '2026-11-27T11:00:00Z',
      ]),
      now,
    );
    expect(fresh).toEqual({
      lastMaterializedAt: '2026-11-27T11:00:00Z',
      ageSeconds: 3600,
      ttlSeconds: 21600,
      stale: false,
    });
    expect(
      freshnessOf(
        view({ ttl: '21600s', online: true }, ['2026-11-27T05:59:00Z']),
        now,
      ).stale,
    ).toBe(true);
    // Never materialized but online with a TTL: nothing valid is served.
    expect(freshnessOf(view({ ttl: '21600s', online: true }), now).stale).toBe(
      true,
    );
    // Offline-only views and views without a TTL do not go stale.
    expect(
      freshnessOf(view({ ttl: '21600s' }, ['2026-01-01T00:00:00Z']), now).stale,
    ).toBe(false);
    expect(
      freshnessOf(view({ online: true }, ['2026-01-01T00:00:00Z']), now).stale,
    ).toBe(false);
  });

  it('names the source by kind', () => {
    expect(
      sourceOf(view({ batchSource: { name: 'b', type: 'BATCH_FILE' } })),
    ).toEqual({ type: 'batch', name: 'b' });
    expect(
      sourceOf(
        view({
          batchSource: { name: 'b', type: 'BATCH_FILE' },
          streamSource: { name: 'k', type: 'STREAM_KAFKA' },
        }),
      ),
    ).toEqual({ type: 'stream', name: 'k' });
    expect(
      sourceOf(view({ streamSource: { name: 'p', type: 'PUSH_SOURCE' } })),
    ).toEqual({ type: 'push', name: 'p' });
    expect(
      sourceOf({
        type: 'onDemandFeatureView',
        spec: { name: 'o', sources: { request: {} } },
      }),
    ).toEqual({
      type: 'request',
      name: 'request',
    });
    expect(sourceOf(view({}))).toBeUndefined();
  });
});
