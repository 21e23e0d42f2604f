// The site's wall clock. Placetopay writes `expirationDate` and `paymentDate` as `YYYY-MM-DD HH:mm:ss`
// without an offset and `status.date` as ISO 8601 with one; every documented example is `-05:00`
// (placetopay-org/placetopay-docs, src/pages/en/payment-links/api/reference/payment-links.mdx), and
// the query schema gives the same instant both ways (`2024-08-12 08:10:50` / `2024-08-12T08:10:50-05:00`,
// src/assets/apis/payment-links/en.yaml). So the emulator keeps time in one site zone, America/Bogota
// by default.

/** The site zone when none is given: Colombia, where every documented example is written. */
export const DEFAULT_SITE_TIME_ZONE = 'America/Bogota';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
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

/** The clock of one site zone: formats and reads Placetopay's dates. */
export class SiteClock {
  readonly timeZone: string;

  /** Throws a RangeError for a zone this runtime does not know. */
  constructor(timeZone: string = DEFAULT_SITE_TIME_ZONE) {
    formatterFor(timeZone);
    this.timeZone = timeZone;
  }

  /** `YYYY-MM-DD HH:mm:ss` on the site's wall clock. */
  wallClock(instant: Date): string {
    const parts = formatterFor(this.timeZone).formatToParts(instant);
    const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
    return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  }

  /** ISO 8601 with the site's offset, as `status.date` is written, e.g. `2024-06-25T00:43:21-05:00`. */
  isoDate(instant: Date): string {
    const seconds = new Date(Math.floor(instant.getTime() / 1000) * 1000);
    const offsetMinutes = Math.round(this.#offsetMs(seconds.getTime()) / 60_000);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return `${this.wallClock(seconds).replace(' ', 'T')}${offset}`;
  }

  /** Reads `YYYY-MM-DD HH:mm:ss` on the site's wall clock; null for other text or a date that does not exist. */
  parseWallClock(text: string): Date | null {
    const match = WALL_CLOCK.exec(text);
    if (!match) return null;
    const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (h > 23 || mi > 59 || s > 59) return null;
    const guess = Date.UTC(y, mo - 1, d, h, mi, s);
    const probe = new Date(guess);
    // Reject roll-overs such as 2024-02-31.
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
    // Two steps settle the offset (outside a DST gap, where a nearby instant will do).
    let instant = guess - this.#offsetMs(guess);
    instant = guess - this.#offsetMs(instant);
    return new Date(instant);
  }

  /** Milliseconds the zone is ahead of UTC at `instant`. */
  #offsetMs(instant: number): number {
    const match = WALL_CLOCK.exec(this.wallClock(new Date(instant)))!;
    const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(instant / 1000) * 1000;
  }
}
