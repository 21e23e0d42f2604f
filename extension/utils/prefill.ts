import type { PayLinkFormValues } from '@paylink/elements';
import { type ParseOptions, parseSelection } from './amount.ts';
import { cleanText } from './text.ts';

/** What the popup puts in the create form before the person edits it. */
export interface FormDraft {
  /** Decimal string as on the wire (`1500.00`); written into the input the locale's way. */
  amount?: string;
  currency?: string;
  description?: string;
  reference?: string;
  /** Hours from now; 0 or absent leaves the expiry empty. */
  expiryHours?: number;
}

/**
 * The popup's query for "Create payment link for …" on selected text: the amount and currency found
 * in it, the selection (or, when it is only the price, the page title) as the description, and the
 * page address as the reference. The popup reads it back with `from=selection`.
 */
export function selectionQuery(
  selection: string,
  tab: { title?: string; url?: string },
  options: ParseOptions = {},
): URLSearchParams {
  const parsed = parseSelection(cleanText(selection, 2000), options);
  const query = new URLSearchParams({ from: 'selection' });
  if (parsed.amount) {
    query.set('amount', parsed.amount.value);
    if (parsed.amount.currency) query.set('currency', parsed.amount.currency);
  }
  const description = cleanText(parsed.description || tab.title || '');
  if (description) query.set('description', description);
  const reference = tab.url ? referenceFromUrl(tab.url) : '';
  if (reference) query.set('reference', reference);
  return query;
}

/**
 * A page address as a link reference the proxy accepts (1–64 of `A-Z a-z 0-9 . _ : # - /`): host
 * and path, other characters as `-`, cut to 64. `https://shop.example/orders/1234?x=1` →
 * `shop.example/orders/1234`. Empty for pages that are not http(s).
 */
export function referenceFromUrl(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  let path = url.pathname;
  try {
    path = decodeURIComponent(path); // `%C3%B1` is one character people typed, not three
  } catch {}
  const text = `${url.host}${path}`.replace(/\/+$/, '');
  return text
    .replace(/[^A-Za-z0-9._:#\-/]+/g, '-')
    .slice(0, 64)
    .replace(/[-/]+$/, '');
}

/** The form's initial values for a draft: the expiry as an instant `expiryHours` after `now`. */
export function formValues(draft: FormDraft, now: Date): PayLinkFormValues {
  return {
    amount: draft.amount,
    currency: draft.currency,
    description: draft.description === undefined ? undefined : cleanText(draft.description),
    reference: draft.reference,
    expiresAt: draft.expiryHours
      ? new Date(now.getTime() + draft.expiryHours * 3_600_000).toISOString()
      : undefined,
  };
}
