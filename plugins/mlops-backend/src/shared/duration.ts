import { InputError } from '@backstage/errors';

const UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30s`, `5m`, `12h`, `7d` (a Prometheus-style duration of one unit) in milliseconds. */
export function parseDuration(text: string, what = 'duration'): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!match) {
    throw new InputError(
      `${what} must look like 30s, 5m, 12h or 7d, not '${text}'`,
    );
  }
  return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
}
