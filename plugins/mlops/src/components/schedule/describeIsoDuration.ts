const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/**
 * An ISO 8601 duration (`PT6H`, `P2D`, `P1DT12H`, `PT1.5S`) in words: `6 hours`, `2 days`, `1 day 12 hours`.
 * The parts are kept as written (`PT90M` is `90 minutes`, not `1 hour 30 minutes`), because a calendar month or
 * year has no fixed length to convert with. Anything that is not an ISO 8601 duration comes back unchanged, so a
 * value is never lost; `P0D` and `PT0S` are `0 seconds`.
 */
export function describeIsoDuration(value: string): string {
  const match = ISO_DURATION.exec(value.trim());
  if (
    !match ||
    value.trim().toUpperCase() === 'P' ||
    /T$/i.test(value.trim())
  ) {
    return value;
  }
  const parts = UNITS.flatMap((unit, index) => {
    const text = match[index + 1];
    if (text === undefined) return [];
    const amount = Number(text.replace(',', '.'));
    if (amount === 0) return [];
    return [`${amount} ${unit}${amount === 1 ? '' : 's'}`];
  });
  return parts.length ? parts.join(' ') : '0 seconds';
}
