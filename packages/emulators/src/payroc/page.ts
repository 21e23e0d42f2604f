// The emulator's stand-in for Payroc's hosted "pay-by-link" page (shared/providers/payroc.md §1, §4).
// Plain HTML forms, no script; every merchant-supplied text goes through the escaping `html` template.
import { formatMoney, fromMinorUnits } from '@paylink/core';
import { html, page, type SafeHtml } from '../common/html.ts';

const BRAND = { brand: 'Payroc', accent: '#0a3d62' };

/** What the page needs to know about a link. */
export interface PageLink {
  paymentLinkId: string;
  status: string;
  description: string | null;
  charge: { type: 'preset' | 'prompt'; amount?: number; currency: string };
  paymentMethods: string[];
  buttonLabel: string;
}

/** The checkout form, or a notice when the link can no longer be paid. */
export function checkoutPage(link: PageLink, action: string, problem?: string): string {
  const { charge } = link;
  let body: SafeHtml;
  if (link.status !== 'active') {
    body = html`<h1>${link.description ?? 'Payment'}</h1>
<p class="notice">This payment link is ${link.status} and can no longer be paid.</p>`;
  } else {
    const amount =
      charge.type === 'preset' && charge.amount !== undefined
        ? html`<p class="amount">${formatMoney(fromMinorUnits(charge.amount, charge.currency), 'en')}</p>`
        : html`<label for="amount">Amount (${charge.currency})</label>
<input id="amount" name="amount" inputmode="decimal" required placeholder="0.00">`;
    body = html`<h1>${link.description ?? 'Payment'}</h1>
<p class="muted">Payment link ${link.paymentLinkId}</p>
${problem ? html`<p class="notice" role="alert">${problem}</p>` : ''}
<form method="post" action="${action}">
${amount}
<label for="method">Pay with</label>
<select id="method" name="paymentMethod">${link.paymentMethods.map(
      (m) => html`<option value="${m}">${m === 'bankTransfer' ? 'Bank transfer (ACH)' : 'Card'}</option>`,
    )}</select>
<div class="row">
<button type="submit" name="outcome" value="approved">${link.buttonLabel} (approve)</button>
<button type="submit" name="outcome" value="rejected" class="secondary">Decline</button>
</div>
</form>`;
  }
  return page({ title: 'Pay by link', ...BRAND, body });
}

/** Shown after the payer's choice. */
export function resultPage(outcome: 'approved' | 'rejected' | 'pending', description: string | null): string {
  const text =
    outcome === 'approved'
      ? 'Payment approved. Thank you!'
      : outcome === 'rejected'
        ? 'Payment declined. No money was taken.'
        : 'Payment pending.';
  return page({
    title: 'Payment result',
    ...BRAND,
    body: html`<h1>${description ?? 'Payment'}</h1><p class="notice" role="status">${text}</p>`,
  });
}

/** Shown for an unknown or rotated token. */
export function notFoundPage(): string {
  return page({
    title: 'Link not found',
    ...BRAND,
    body: html`<h1>Link not found</h1><p class="notice">This payment link is not valid. Ask the merchant for a new one.</p>`,
  });
}
