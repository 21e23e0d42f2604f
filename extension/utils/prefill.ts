import { type ParseOptions, parseSelection } from './amount.ts';

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
  const parsed = parseSelection(selection, options);
  const query = new URLSearchParams({ from: 'selection' });
  if (parsed.amount) {
    query.set('amount', parsed.amount.value);
    if (parsed.amount.currency) query.set('currency', parsed.amount.currency);
  }
  const description = (parsed.description || tab.title || '').slice(0, 255);
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

/**
 * A wire decimal (`1500.50`) as the create form reads amounts in `locale` (`1500,50` in es/pt):
 * no grouping, the locale's decimal mark, and no zero decimals on a whole amount.
 */
export function amountForInput(value: string, locale: string): string {
  const [whole, fraction = ''] = value.split('.');
  if (/^0*$/.test(fraction)) return whole!;
  const decimal =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return `${whole}${decimal}${fraction}`;
}

/** `<input type="datetime-local">` value for `hours` from `now`, in local time, to the minute. */
export function expiryInputValue(hours: number, now: Date): string {
  const at = new Date(now.getTime() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * Fills `<pay-link-form>`'s inputs once it has rendered its fields. The element has no property
 * for initial values yet, so this reaches into its (open) shadow root by the inputs' names.
 */
export async function prefillForm(
  form: HTMLElement & { updateComplete: Promise<boolean> },
  draft: FormDraft,
  locale: string,
) {
  const root = form.shadowRoot;
  if (!root) return;
  // The fields appear after the providers have loaded.
  for (let tries = 0; tries < 100 && !root.querySelector('form'); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await form.updateComplete;
  }
  const set = (name: string, value: string | undefined) => {
    const control = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
    if (!control || !value) return;
    if (
      control instanceof HTMLSelectElement &&
      ![...control.options].some((option) => option.value === value)
    )
      return;
    control.value = value;
  };
  set('amount', draft.amount ? amountForInput(draft.amount, locale) : undefined);
  set('currency', draft.currency);
  set('description', draft.description?.slice(0, 255));
  set('reference', draft.reference);
  if (draft.expiryHours) set('expiresAt', expiryInputValue(draft.expiryHours, new Date()));
}
