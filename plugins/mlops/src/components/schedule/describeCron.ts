const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH_NAMES = MONTHS.map(m => m.slice(0, 3).toUpperCase());

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

const two = (n: number) => String(n).padStart(2, '0');

/** One field's single value (a number or a name), or undefined when it is a list, range, step or wildcard. */
function single(field: string, names: string[] = [], offset = 0) {
  if (/^\d+$/.test(field)) return Number(field);
  const index = names.indexOf(field.toUpperCase());
  return index >= 0 ? index + offset : undefined;
}

function joinWords(words: string[]): string {
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
    : words[0];
}

/** A day-of-week field in words (`1` Monday, `1-5` Monday to Friday, `MON,FRI` Monday and Friday). */
function weekdays(field: string): string | undefined {
  const day = (text: string) => {
    const n = single(text, DAY_NAMES);
    return n === undefined || n > 7 ? undefined : DAYS[n % 7];
  };
  const words: string[] = [];
  for (const part of field.split(',')) {
    const range = /^([^-]+)-([^-]+)$/.exec(part);
    const words1 = range ? [day(range[1]), day(range[2])] : [day(part)];
    if (words1.some(w => w === undefined)) return undefined;
    words.push(range ? `${words1[0]} to ${words1[1]}` : words1[0]!);
  }
  return joinWords(words);
}

/** The time of day of fixed second, minute and hour fields, `03:00` (with seconds only when they are not 0). */
function timeOfDay(second: number, minute: number, hour: number) {
  if (second > 59 || minute > 59 || hour > 23) return undefined;
  return `${two(hour)}:${two(minute)}${second ? `:${two(second)}` : ''}`;
}

/**
 * A cron schedule in words: `0 3 * * *` and `0 0 3 * * *` are both `daily at 03:00 UTC`.
 *
 * Both forms are read: the 5-field crontab form (minute hour day-of-month month day-of-week), which the catalog's
 * `spec.schedule` uses, and the 6-field form with seconds first, which Kubeflow Pipelines' recurring runs use
 * (robfig/cron); also the `@daily`-style descriptors and `@every <duration>`. Times are UTC: Kubeflow's scheduled
 * workflow controller evaluates cron in its own time zone, which is UTC unless its installation sets another.
 * A schedule these rules cannot put into plain words (steps over hours, lists of hours, both a day of the month and
 * a day of the week) is returned as written, marked as cron, so nothing is ever guessed.
 */
export function describeCron(expression: string): string {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  const every = /^@every (.+)$/i.exec(trimmed);
  if (every) return `every ${every[1]}`;
  const expanded = DESCRIPTORS[trimmed.toLowerCase()] ?? trimmed;
  const fields = expanded.split(' ');
  if (fields.length !== 5 && fields.length !== 6) {
    return `cron ${trimmed}`;
  }
  const [secondField, minuteField, hourField, dom, month, dow] =
    fields.length === 6 ? fields : ['0', ...fields];
  const raw = `cron ${trimmed} (UTC)`;
  const second = single(secondField);
  if (second === undefined) return raw;

  const minuteStep = /^(?:\*|0)\/(\d+)$/.exec(minuteField);
  if (hourField === '*' && dom === '*' && month === '*' && dow === '*') {
    if (minuteField === '*') return second === 0 ? 'every minute' : raw;
    if (minuteStep && second === 0) return `every ${minuteStep[1]} minutes`;
    const minute = single(minuteField);
    if (minute === undefined || minute > 59) return raw;
    return minute === 0 && second === 0
      ? 'hourly, on the hour'
      : `hourly at minute ${minute}${second ? ` and ${second} s` : ''}`;
  }

  const minute = single(minuteField);
  const hour = single(hourField);
  if (minute === undefined || hour === undefined) return raw;
  const time = timeOfDay(second, minute, hour);
  if (!time) return raw;
  const at = `at ${time} UTC`;

  const monthNumber = month === '*' ? undefined : single(month, MONTH_NAMES, 1);
  if (
    month !== '*' &&
    (monthNumber === undefined || monthNumber < 1 || monthNumber > 12)
  ) {
    return raw;
  }
  const dayOfMonth = dom === '*' || dom === '?' ? undefined : single(dom);
  if (
    dom !== '*' &&
    dom !== '?' &&
    (dayOfMonth === undefined || dayOfMonth < 1 || dayOfMonth > 31)
  ) {
    return raw;
  }
  const anyWeekday = dow === '*' || dow === '?';

  if (monthNumber !== undefined) {
    if (dayOfMonth === undefined || !anyWeekday) return raw;
    return `yearly on ${MONTHS[monthNumber - 1]} ${dayOfMonth} ${at}`;
  }
  if (dayOfMonth !== undefined) {
    return anyWeekday ? `monthly on day ${dayOfMonth} ${at}` : raw;
  }
  if (anyWeekday) return `daily ${at}`;
  const days = weekdays(dow);
  if (!days) return raw;
  return days === 'Monday to Friday' ? `weekdays ${at}` : `every ${days} ${at}`;
}
