// The hosted pages: the Sites link page (name, amount, description, Pay — provider seed 000, steps
// 3–5) and a WebCheckout stand-in where a person approves or declines. Plain forms, no script.
import { formatMoney } from '@paylink/core';
import { html, page, type SafeHtml } from '../common/html.ts';
import { type CheckoutSession, DEFAULT_PAYER, type LinkRecord, type PaymentRecord } from './store.ts';

const BRAND = 'Placetopay';
const ACCENT = '#ff7a00';

function render(title: string, body: SafeHtml): string {
  return page({ title, brand: BRAND, accent: ACCENT, body });
}

/** The link's amount for people, in the link's locale (`es_CO` → `es-CO`). */
export function formatAmount(link: LinkRecord): string {
  const money = { value: String(link.amount.total), currency: link.amount.currency };
  try {
    return formatMoney(money, link.locale.replace('_', '-'));
  } catch {
    return `${money.currency} ${money.value}`;
  }
}

/** A page that only says something went wrong. */
export function messagePage(title: string, message: string): string {
  return render(title, html`<h1>${title}</h1><p class="notice">${message}</p>`);
}

/** `GET /link/show?genid=..&code=..`. */
export function linkPage(link: LinkRecord, available: number | null, refusal: string | null): string {
  const body = html`<p class="muted">${link.site.name}</p>
<h1>${link.name}</h1>
<div class="amount">${formatAmount(link)}</div>
<p>${link.description}</p>
<table>
<tr><td class="muted">Reference</td><td>${link.reference}</td></tr>
<tr><td class="muted">Expires</td><td>${link.expirationDate}</td></tr>
${available === null ? '' : html`<tr><td class="muted">Payments available</td><td>${available}</td></tr>`}
</table>
${
  refusal
    ? html`<p class="notice" role="status">${refusal}</p>`
    : html`<form method="post" action="/link/pay" class="row">
<input type="hidden" name="genid" value="${link.id}"><input type="hidden" name="code" value="${link.code}">
<button type="submit">Pay</button></form>`
}`;
  return render(link.name, body);
}

/** `GET /spa/session/{requestId}/{key}`: payer details and the outcome buttons. */
export function checkoutPage(
  link: LinkRecord,
  session: CheckoutSession,
  payment: PaymentRecord | undefined,
): string {
  const action = `/spa/session/${session.requestId}/${session.key}`;
  const back = `/link/show?genid=${link.id}&code=${link.code}`;
  if (payment && payment.status !== 'PENDING') return resultPage(link, payment);
  const payer = payment?.payer ?? DEFAULT_PAYER;
  const field = (name: string, label: string, value: string) =>
    html`<label for="${name}">${label}</label><input id="${name}" name="${name}" value="${value}" ${payment ? 'readonly' : ''}>`;
  const body = html`<p class="muted">WebCheckout · session ${session.requestId}</p>
<h1>${link.name}</h1>
<div class="amount">${formatAmount(link)}</div>
<p class="muted">Reference ${link.reference}</p>
${payment ? html`<p class="notice" role="status">This payment is pending. Settle it below.</p>` : ''}
<form method="post" action="${action}">
${field('name', 'Name', payer.name)}
${field('surname', 'Surname', payer.surname)}
${field('email', 'E-mail', payer.email)}
${field('documentType', 'Document type', payer.documentType)}
${field('document', 'Document', payer.document)}
<label for="paymentMethod">Payment method</label>
<select id="paymentMethod" name="paymentMethod">${link.allowedPaymentMethods.map(
    (method) =>
      html`<option value="${method}" ${payment?.paymentMethod === method ? 'selected' : ''}>${method}</option>`,
  )}</select>
<div class="row">
<button type="submit" name="outcome" value="approved">Approve</button>
<button type="submit" name="outcome" value="rejected" class="secondary">Decline</button>
${payment ? '' : html`<button type="submit" name="outcome" value="pending" class="secondary">Leave pending</button>`}
</div></form>
<p><a href="${back}">Back to the link</a></p>`;
  return render(`Pay ${link.name}`, body);
}

/** What the payer sees after choosing an outcome. */
export function resultPage(link: LinkRecord, payment: PaymentRecord): string {
  const back = `/link/show?genid=${link.id}&code=${link.code}`;
  const title =
    payment.status === 'APPROVED'
      ? 'Payment approved'
      : payment.status === 'REJECTED'
        ? 'Payment declined'
        : 'Payment pending';
  const body = html`<h1>${title}</h1>
<div class="amount">${formatAmount(link)}</div>
<p>${payment.message}</p>
<table>
<tr><td class="muted">Reference</td><td>${link.reference}</td></tr>
<tr><td class="muted">Status</td><td>${payment.status}</td></tr>
${payment.receipt ? html`<tr><td class="muted">Receipt</td><td>${payment.receipt}</td></tr>` : ''}
<tr><td class="muted">Date</td><td>${payment.paymentDate} UTC</td></tr>
</table>
<p><a class="button" href="${back}">Back to the link</a></p>`;
  return render(title, body);
}
