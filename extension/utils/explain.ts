import { browser } from 'wxt/browser';
import type { ExtensionTerms } from './i18n.ts';
import { BackgroundError } from './messages.ts';

/**
 * A failed proxy call in words for the person, naming the exact problem: not a PayLink proxy,
 * wrong key, the extension's origin refused (with how to allow it), unreachable.
 */
export function explainFailure(error: unknown, t: ExtensionTerms): string {
  if (!(error instanceof BackgroundError)) return error instanceof Error ? error.message : String(error);
  const { status, problem, message } = error.failure;
  if (problem === 'not-a-proxy') return t.notAProxy;
  if (problem === 'origin-not-allowed') return t.originRefused(new URL(browser.runtime.getURL('/')).origin);
  if (status === 401) return t.unauthorized;
  if (status === null) return `${t.unreachable} (${message})`;
  return message;
}
