// Payroc's `expiresOn` is a calendar date: which day an instant falls on, and when a day ends, in the
// processing terminal's time zone (inferred, README.md).

/** One day, in milliseconds. */
export const DAY_MS = 86_400_000;

/** The calendar date `YYYY-MM-DD` of an instant in an IANA time zone (UTC when none). */
export function dateIn(ms: number, timeZone = 'UTC'): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/** The UTC offset (ms) of `timeZone` at instant `ms`. */
function offsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant local midnight starts `date` in `timeZone` (DST-safe: corrected once for the offset there). */
function startOfDay(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const guess = utcMidnight - offsetMs(utcMidnight, timeZone);
  return utcMidnight - offsetMs(guess, timeZone);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `expiresOn` for our `expiresAt`. `expiresOn` is a date, "last date that the customer can use the
 * payment link" (documented: payroc/api-specs `payroc-openapi-spec.yaml`, `format: date`); we pick the
 * date, in the processing terminal's time zone (inferred: Payroc names no zone), that contains the last
 * usable instant, so Payroc keeps the link at least as long as asked (up to the end of that day).
 */
export function expiresOnFor(expiresAt: string, timeZone = 'UTC'): string {
  return dateIn(Date.parse(expiresAt) - 1, timeZone);
}

/** The instant a link with this `expiresOn` stops being usable: the end of that day in `timeZone` (inferred, §4). */
export function expiresAtFor(expiresOn: string, timeZone = 'UTC'): string {
  const next = new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return new Date(startOfDay(next, timeZone)).toISOString();
}
