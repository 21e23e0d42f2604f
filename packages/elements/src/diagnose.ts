import { NotAProxyError, ProxyRequestError } from '@paylink/core';
import type { Terms } from './i18n/terms.ts';
import { isOutage } from './status/recovery.ts';

/** What went wrong, sorted by what the page's author must do about it. */
export type FailureKind =
  /** The address answers, but not as a PayLink proxy (a wrong `proxy`). */
  | 'not-a-proxy'
  /** No `proxy` was given and the page's own origin was tried (a bundler setup without `setDefaultProxy`). */
  | 'no-proxy'
  /** Nothing answered (or only a gateway's 502–504). */
  | 'unreachable'
  /** The API key was refused (401). */
  | 'bad-key'
  /** The API key may not be used from this page's origin (403). */
  | 'origin'
  | 'not-found'
  | 'other';

/** Sorts a failed request. `guessedProxy`: the element had no `proxy` and fell back to the page's origin. */
export function failureKind(error: unknown, guessedProxy: boolean): FailureKind {
  if (guessedProxy && (error instanceof NotAProxyError || isOutage(error))) return 'no-proxy';
  if (error instanceof NotAProxyError) return 'not-a-proxy';
  if (isOutage(error)) return 'unreachable';
  if (!(error instanceof ProxyRequestError)) return 'other';
  if (error.status === 401) return 'bad-key';
  if (error.status === 403 && /origin/.test(error.problem?.type ?? '')) return 'origin';
  if (error.status === 404 || error.status === 400) return 'not-found';
  return 'other';
}

const warned = new Set<string>();

/**
 * Says in the console, once per page for the same message (50 elements with one wrong `proxy` warn
 * once), what the page's author must fix. The words load only when something is wrong.
 */
export function warnAbout(kind: FailureKind, tag: string, proxy: string): void {
  if (kind !== 'not-a-proxy' && kind !== 'no-proxy' && kind !== 'bad-key' && kind !== 'origin') return;
  void import('./advice.ts').then(({ advice }) => {
    const message = advice(kind, tag, proxy);
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(message);
  });
}

/** What an element says when its link cannot be shown, by what went wrong. */
export function failureText(t: Terms, kind: FailureKind): string {
  if (kind === 'not-found') return t.notFound;
  if (kind === 'not-a-proxy') return t.notAProxy;
  if (kind === 'no-proxy') return t.noProxy;
  return t.error;
}
