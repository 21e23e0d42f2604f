import { en } from './en.ts';
import { es } from './es.ts';
import { id } from './id.ts';
import { pt } from './pt.ts';
import type { Terms } from './terms.ts';

export type { Terms } from './terms.ts';

const dictionaries: Record<string, Terms> = { en, es, pt, id, in: id };

/** The dictionary for a BCP 47 locale, by its language subtag; English when there is none. */
export function termsFor(locale: string): Terms {
  return dictionaries[locale.split(/[-_]/)[0]!.toLowerCase()] ?? en;
}

/**
 * A duration for people, two largest units, e.g. "2 h 5 min" (es) or "2 hr 5 min" (en).
 * Under a minute reads as "1 min" so a countdown never shows zero while the link is still open.
 */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const parts: [number, string][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor(minutes / 60) % 24, 'hour'],
    [minutes % 60, 'minute'],
  ];
  const start = parts.findIndex(([value]) => value > 0);
  return parts
    .slice(start, start + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value))
    .join(' ');
}

/** A date and time for people in the locale, e.g. "Mar 5, 2026, 10:32 AM". */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
