// Placetopay writes `expirationDate` and `paymentDate` as `YYYY-MM-DD HH:mm:ss` with no offset
// (provider note §6): the site's local wall-clock time. Every documented `status.date` is `-05:00`,
// and the query schema gives one instant both ways (example `2024-08-12 08:10:50`, schema text
// `2024-08-12T08:10:50-05:00`; placetopay-docs src/assets/apis/payment-links/en.yaml), so the zone is
// a per-site setting that defaults to America/Bogota.

/** The site zone when the `timeZone` setting is absent (Colombia: every documented example is -05:00). */
export const DEFAULT_TIME_ZONE = 'America/Bogota';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The `YYYY-MM-DD HH:mm:ss` wall-clock time of an instant in `timeZone`. */
export function toWallClock(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '00';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const match = WALL_CLOCK.exec(toWallClock(new Date(instant), timeZone))!;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(instant / 1000) * 1000;
}

/**
 * Reads a Placetopay date: `YYYY-MM-DD HH:mm:ss` as wall-clock time in `timeZone`, or ISO 8601
 * with an offset (the schema's form, note §3.2). Returns null for anything else.
 */
export function parsePlacetopayDate(text: unknown, timeZone = DEFAULT_TIME_ZONE): Date | null {
  if (typeof text !== 'string') return null;
  const wall = WALL_CLOCK.exec(text);
  if (wall) {
    const [, y, mo, d, h, mi, s] = wall.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const guess = Date.UTC(y, mo - 1, d, h, mi, s);
    if (Number.isNaN(guess)) return null;
    // One correction step settles the offset except inside a DST gap, where any nearby instant will do.
    let instant = guess - offsetAt(guess, timeZone);
    const corrected = guess - offsetAt(instant, timeZone);
    if (corrected !== instant) instant = corrected;
    return new Date(instant);
  }
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  return null;
}

/** ISO 8601 in UTC without milliseconds, e.g. `2026-12-01T00:00:00Z`. */
export function toIsoSeconds(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
