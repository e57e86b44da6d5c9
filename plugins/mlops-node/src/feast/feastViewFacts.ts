import { FeastFeatureView, FeastFeatureViewMeta } from './feastTypes';

/**
 * Seconds of a protobuf Duration in JSON (`"86400s"`, `"1.5s"`); undefined when absent, zero or malformed.
 *
 * @public
 */
export function durationSeconds(duration?: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration ?? '');
  const seconds = match ? Number(match[1]) : 0;
  return seconds > 0 ? seconds : undefined;
}

/**
 * Whole seconds as an ISO 8601 duration in days, hours, minutes and seconds (`P1D`, `PT6H`, `P1DT30M`).
 *
 * @public
 */
export function isoDuration(totalSeconds: number): string {
  let rest = Math.round(totalSeconds);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const time = [
    hours ? `${hours}H` : '',
    minutes ? `${minutes}M` : '',
    seconds ? `${seconds}S` : '',
  ].join('');
  const date = days ? `${days}D` : '';
  return date || time ? `P${date}${time ? `T${time}` : ''}` : 'PT0S';
}

/**
 * The end of the latest materialization interval: how fresh the online store is.
 *
 * @public
 */
export function lastMaterializedAt(
  meta?: FeastFeatureViewMeta,
): string | undefined {
  let latest: string | undefined;
  let latestMs = -Infinity;
  for (const interval of meta?.materializationIntervals ?? []) {
    const ms = interval.endTime ? Date.parse(interval.endTime) : NaN;
    if (ms > latestMs) {
      latestMs = ms;
      latest = interval.endTime;
    }
  }
  return latest;
}

/**
 * The catalog's name for a view's source: its kind (batch, stream, push, request) and name.
 *
 * @public
 */
export function sourceOf(
  view: FeastFeatureView,
): { type: 'batch' | 'stream' | 'request' | 'push'; name: string } | undefined {
  const { spec } = view;
  if (view.type === 'onDemandFeatureView') {
    const name = Object.keys(spec.sources ?? {})[0];
    return name ? { type: 'request', name } : undefined;
  }
  const source = spec.streamSource?.name ? spec.streamSource : spec.batchSource;
  if (!source?.name) {
    return undefined;
  }
  const kind = source.type ?? '';
  if (kind === 'PUSH_SOURCE') return { type: 'push', name: source.name };
  if (kind === 'REQUEST_SOURCE') return { type: 'request', name: source.name };
  if (kind.startsWith('STREAM_') || source === spec.streamSource) {
    return { type: 'stream', name: source.name };
  }
  return { type: 'batch', name: source.name };
}

/**
 * Freshness of the online store: stale when the last materialization ended longer ago than the TTL (values
 * older than the TTL are no longer served). Views without a TTL, or not online, are never stale.
 *
 * @public
 */
export function freshnessOf(
  view: FeastFeatureView,
  now: number,
): {
  lastMaterializedAt?: string;
  ageSeconds?: number;
  ttlSeconds?: number;
  stale: boolean;
} {
  const ttlSeconds = durationSeconds(view.spec.ttl);
  const last = lastMaterializedAt(view.meta);
  const ageSeconds =
    last === undefined
      ? undefined
      : Math.max(0, Math.round((now - Date.parse(last)) / 1000));
  const online = view.spec.online === true;
  return {
    lastMaterializedAt: last,
    ageSeconds,
    ttlSeconds,
    stale:
      online &&
      ttlSeconds !== undefined &&
      (ageSeconds === undefined || ageSeconds > ttlSeconds),
  };
}
