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

/** A date and time for people in the locale, e.g. "Mar 5, 2026, 10:32 AM". */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
