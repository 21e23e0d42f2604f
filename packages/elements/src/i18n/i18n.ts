import { en } from './en.ts';
import type { Terms } from './terms.ts';

export type { Terms } from './terms.ts';

// English ships in the bundle; other languages are small chunks loaded the first time a page asks
// for them (while the link itself is still loading, so nobody sees the switch).
const loaded: Record<string, Terms> = { en };
const loaders: Record<string, () => Promise<Terms>> = {
  es: () => import('./es.ts').then((module) => module.es),
  pt: () => import('./pt.ts').then((module) => module.pt),
  id: () => import('./id.ts').then((module) => module.id),
};
const loading = new Map<string, Promise<Terms>>();

function language(locale: string): string {
  const tag = locale.split(/[-_]/)[0]!.toLowerCase();
  return tag === 'in' ? 'id' : tag; // "in" is the old code for Indonesian
}

/**
 * The dictionary for a BCP 47 locale, by its language subtag, once loaded; until then (and for
 * languages we do not have) English. `onLoad` is called when a missing dictionary arrives.
 */
export function termsFor(locale: string, onLoad?: () => void): Terms {
  const lang = language(locale);
  const terms = loaded[lang];
  if (terms) return terms;
  if (loaders[lang] && onLoad) void loadTerms(locale).then(onLoad);
  return en;
}

/** Loads (once) and returns the dictionary for a locale; English when there is none. */
export function loadTerms(locale: string): Promise<Terms> {
  const lang = language(locale);
  const load = loaders[lang];
  if (loaded[lang] || !load) return Promise.resolve(loaded[lang] ?? en);
  let promise = loading.get(lang);
  if (!promise) {
    promise = load().then((terms) => (loaded[lang] = terms));
    loading.set(lang, promise);
  }
  return promise;
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
    .map(([value, unit]) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value),
    )
    .join(' ');
}

/** A date and time for people in the locale, e.g. "Mar 5, 2026, 10:32 AM". */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
