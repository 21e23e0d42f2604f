// The hosted payment page (Snap, on the `app.*` host in the real service, §1). Plain HTML forms, no script.
import { html, page, type SafeHtml } from '../common/html.ts';
import type { PaymentLink, PaymentMethod, Transaction } from './store.ts';

const BRAND = 'Midtrans';
const ACCENT = '#0c2f55';

const METHOD_LABELS: Record<PaymentMethod, string> = {
  credit_card: 'Credit/debit card',
  echannel: 'Mandiri Bill',
  permata_va: 'Permata Virtual Account',
  bca_va: 'BCA Virtual Account',
  bni_va: 'BNI Virtual Account',
  bri_va: 'BRI Virtual Account',
  cimb_va: 'CIMB Virtual Account',
  danamon_va: 'Danamon Virtual Account',
  bsi_va: 'BSI Virtual Account',
  gopay: 'GoPay',
  shopeepay: 'ShopeePay',
  other_qris: 'QRIS',
  alfamart: 'Alfamart',
  indomaret: 'Indomaret',
  akulaku: 'Akulaku',
  kredivo: 'Kredivo',
};

export const rupiah = (amount: number) => `Rp ${new Intl.NumberFormat('id-ID').format(amount)}`;

function shell(title: string, body: SafeHtml): string {
  return page({ title, brand: BRAND, accent: ACCENT, body });
}

function customerFields(link: PaymentLink): SafeHtml | string {
  if (!link.customerRequired) return '';
  const c = (link.customer ?? {}) as Record<string, unknown>;
  return html`<label for="first_name">Name</label><input id="first_name" name="first_name" required value="${c.first_name ?? ''}">
<label for="email">E-mail</label><input id="email" name="email" type="email" required value="${c.email ?? ''}">
<label for="phone">Phone</label><input id="phone" name="phone" required value="${c.phone ?? ''}">`;
}

function amountBlock(link: PaymentLink): SafeHtml {
  if (link.type === 'FIXED_AMOUNT') return html`<div class="amount">${rupiah(link.grossAmount ?? 0)}</div>`;
  const dyn = link.dynamicAmount ?? {};
  const bounds = [
    dyn.min_amount !== undefined ? `from ${rupiah(dyn.min_amount)}` : '',
    dyn.max_amount !== undefined ? `up to ${rupiah(dyn.max_amount)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return html`<label for="amount">Amount to pay (IDR)</label>
<input id="amount" name="amount" type="number" step="1" min="${dyn.min_amount ?? 1}" max="${dyn.max_amount ?? ''}" value="${dyn.preset_amount ?? ''}" required>
${bounds ? html`<p class="muted">${bounds}</p>` : ''}`;
}

/** The link's page: amount, items, and one form per kind of payment method. */
export function linkPage(link: PaymentLink, blocked: string | null): string {
  const title = link.title ?? `Order ${link.orderId}`;
  const items = link.items.length
    ? html`<table>${link.items.map((it) => html`<tr><td>${it.name} × ${it.quantity}</td><td>${rupiah(it.price * it.quantity)}</td></tr>`)}</table>`
    : '';
  if (blocked) {
    return shell(title, html`<h1>${title}</h1><p class="notice" role="status">${blocked}</p>`);
  }
  const card = link.enabledPayments.includes('credit_card');
  const others = link.enabledPayments.filter((m) => m !== 'credit_card');
  const action = `/payment-links/${link.paymentLinkId}/pay`;
  const cardForm = card
    ? html`<form method="post" action="${action}"><h2>${METHOD_LABELS.credit_card}</h2>
<input type="hidden" name="method" value="credit_card">${amountBlock(link)}${customerFields(link)}
<label for="card">Card number</label><input id="card" name="card" value="4811 1111 1111 1114" autocomplete="off">
<div class="row"><button name="outcome" value="approved">Pay${link.cardType === 'authorize' ? ' (authorize)' : ''}</button>
<button class="secondary" name="outcome" value="rejected">Decline</button></div></form>`
    : '';
  const otherForm = others.length
    ? html`<form method="post" action="${action}"><h2>Other methods</h2>${amountBlock(link)}${customerFields(link)}
<label for="method">Method</label><select id="method" name="method">${others.map((m) => html`<option value="${m}">${METHOD_LABELS[m]}</option>`)}</select>
<div class="row"><button name="outcome" value="pending">Get payment instructions</button></div></form>`
    : '';
  return shell(
    title,
    html`<h1>${title}</h1><p class="muted">Order ${link.orderId}</p>${items}${cardForm}${otherForm}`,
  );
}

/** The result of a payment attempt; a pending one shows its instructions and a simulator. */
export function resultPage(link: PaymentLink, tx: Transaction): string {
  const title = link.title ?? `Order ${link.orderId}`;
  const back = html`<p><a href="/payment-links/${link.paymentLinkId}">Back to the payment page</a></p>`;
  switch (tx.transactionStatus) {
    case 'capture':
    case 'settlement':
    case 'authorize':
      return shell(
        title,
        html`<h1>Payment successful</h1><p class="amount">${rupiah(tx.grossAmount)}</p><p class="muted">Order ${tx.orderId}</p>${back}`,
      );
    case 'deny':
      return shell(
        title,
        html`<h1>Payment declined</h1><p class="notice" role="status">The card was declined.</p>${back}`,
      );
    case 'expire':
      return shell(
        title,
        html`<h1>Payment expired</h1><p class="notice" role="status">The payment was not completed in time.</p>${back}`,
      );
    case 'pending': {
      const action = `/payment-links/${link.paymentLinkId}/transactions/${tx.orderId}`;
      return shell(
        title,
        html`<h1>Waiting for your payment</h1><p class="amount">${rupiah(tx.grossAmount)}</p>
<p>${METHOD_LABELS[tx.method]}${tx.vaNumber ? html` number <strong>${tx.vaNumber}</strong>` : ''}</p>
<p class="muted">Order ${tx.orderId}. Sandbox simulator:</p>
<form method="post" action="${action}"><div class="row"><button name="outcome" value="approved">Simulate payment received</button>
<button class="secondary" name="outcome" value="rejected">Let it expire</button></div></form>${back}`,
      );
    }
    default:
      return shell(title, html`<h1>Payment</h1>${back}`);
  }
}

/** A page for a refusal (expired link, bounds, unknown link). */
export function messagePage(title: string, message: string): string {
  return shell(title, html`<h1>${title}</h1><p class="notice" role="status">${message}</p>`);
}
