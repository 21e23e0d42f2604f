// Plexo's hosted pages as the emulator shows them: the pre-checkout landing (§3.1 `items` are
// "shown to the payer on the pre-checkout page"), the checkout form and the result. No script:
// plain forms that POST back; every merchant-supplied text goes through the escaping `html`.
import { html, page, type SafeHtml } from '../common/html.ts';
import { decimalText, type JsonNumber, type Scaled } from './json.ts';

const BRAND = 'Plexo';
const ACCENT = '#0b5cab';

/** What the pages need to know about a link. */
export interface PageLink {
  externalId: string;
  /** The hosted page's URL (`shareUrl`); the checkout form lives at `{shareUrl}/checkout`. */
  shareUrl: string;
  displayName: string | null;
  description: string | null;
  amount: { currency: string; total: JsonNumber } | null;
  flexible: { min: Scaled | null; max: Scaled | null; suggested: Scaled | null; currencies: string[] } | null;
  items: Array<{ name: string; quantity: string; price: string }>;
  methods: readonly string[];
  installments: Record<string, number[]> | null;
}

function render(title: string, body: SafeHtml, status = 200): { html: string; status: number } {
  return { html: page({ title, brand: BRAND, accent: ACCENT, body }), status };
}

function heading(link: PageLink): SafeHtml {
  return html`<h1>${link.displayName ?? 'Payment'}</h1>${link.description ? html`<p class="muted">${link.description}</p>` : ''}`;
}

function amountLine(link: PageLink): SafeHtml {
  if (link.amount) return html`<p class="amount">${link.amount.currency} ${link.amount.total.rawJSON}</p>`;
  const f = link.flexible;
  const currency = f?.currencies.join(' / ') || '';
  const bounds =
    f?.min && f.max
      ? `between ${decimalText(f.min)} and ${decimalText(f.max)}`
      : f?.min
        ? `from ${decimalText(f.min)}`
        : f?.max
          ? `up to ${decimalText(f.max)}`
          : '';
  return html`<p class="amount">${currency}</p><p class="muted">You choose the amount ${bounds}.</p>`;
}

/** The pre-checkout landing page (skipped with `settings.skipPreCheckout`). */
export function preCheckoutPage(link: PageLink): { html: string; status: number } {
  const items = link.items.length
    ? html`<table>${link.items.map((i) => html`<tr><td>${i.name}</td><td>× ${i.quantity}</td><td>${i.price}</td></tr>`)}</table>`
    : '';
  return render(
    link.displayName ?? 'Payment',
    html`${heading(link)}${amountLine(link)}${items}
<div class="row"><a class="button" href="${link.shareUrl}/checkout">Continue to payment</a></div>`,
  );
}

function installmentsHint(map: Record<string, number[]> | null): string {
  if (!map) return '';
  return Object.entries(map)
    .map(([method, counts]) => `${method === '*' ? 'other methods' : method}: ${counts.join(', ')}`)
    .join('; ');
}

/** The checkout form: amount (flexible links), method, installments, approve or decline. */
export function checkoutPage(
  link: PageLink,
  error?: string,
  input: Record<string, string> = {},
): { html: string; status: number } {
  const f = link.flexible;
  const counts = [...new Set(Object.values(link.installments ?? { '*': [1] }).flat())].sort((a, b) => a - b);
  const amountFields = f
    ? html`<label for="amount">Amount</label>
<input id="amount" name="amount" inputmode="decimal" required value="${input.amount ?? (f.suggested ? decimalText(f.suggested) : '')}">
${
  f.currencies.length > 1
    ? html`<label for="currency">Currency</label><select id="currency" name="currency">${f.currencies.map((c) => html`<option ${c === input.currency ? 'selected' : ''}>${c}</option>`)}</select>`
    : ''
}`
    : '';
  return render(
    'Checkout',
    html`${heading(link)}${amountLine(link)}
${error ? html`<p class="notice" role="alert">${error}</p>` : ''}
<form method="post" action="${link.shareUrl}/checkout">
${amountFields}
<label for="method">Payment method</label>
<select id="method" name="method">${link.methods.map((m) => html`<option ${m === input.method ? 'selected' : ''}>${m}</option>`)}</select>
<label for="installments">Installments</label>
<select id="installments" name="installments">${counts.map((n) => html`<option ${String(n) === input.installments ? 'selected' : ''}>${n}</option>`)}</select>
${link.installments ? html`<p class="muted">Allowed: ${installmentsHint(link.installments)}</p>` : ''}
<div class="row">
<button type="submit" name="outcome" value="approved">Approve payment</button>
<button type="submit" name="outcome" value="rejected" class="secondary">Decline payment</button>
</div>
</form>`,
    error ? 400 : 200,
  );
}

/** The page after a payment attempt. */
export function resultPage(
  link: PageLink,
  outcome: 'approved' | 'declined' | 'pending',
  again: boolean,
): { html: string; status: number } {
  const text =
    outcome === 'approved'
      ? 'Payment approved. Thank you!'
      : outcome === 'declined'
        ? 'Payment declined. No money was taken.'
        : 'Payment pending confirmation.';
  return render(
    'Payment result',
    html`${heading(link)}<p class="notice" role="status">${text}</p>
${again ? html`<div class="row"><a class="button" href="${link.shareUrl}">Back to the payment link</a></div>` : ''}`,
  );
}

/** A link that cannot be paid (not yet valid, expired, completed, deleted). */
export function unavailablePage(
  link: PageLink | null,
  message: string,
  status: number,
): { html: string; status: number } {
  return render(
    'Payment link',
    html`${link ? heading(link) : html`<h1>Payment link</h1>`}<p class="notice">${message}</p>`,
    status,
  );
}
