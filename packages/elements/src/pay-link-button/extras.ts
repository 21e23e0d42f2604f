// The parts of <pay-link-button> most buttons never show, loaded the first time one does: product
// mode, the expiry countdown, the copy action and the QR code.
import { type PublicLinkView, safeCheckoutUrl } from '@paylink/core';
import { html, nothing } from 'lit';
import { errorStatus, json } from '../client.ts';
import { formatDuration } from '../i18n/duration.ts';
import type { Terms } from '../i18n/terms.ts';
import type { PayLinkButton } from './pay-link-button.ts';

/** A fresh one-time link for a product configured in the proxy (`POST /v1/checkout`). */
export const checkout = (proxy: string, product: string, signal?: AbortSignal): Promise<PublicLinkView> =>
  json(proxy, '/v1/checkout', {
    method: 'POST',
    body: JSON.stringify({ product }),
    headers: { 'content-type': 'application/json' },
    signal,
  });

/** Under a payable button: "Expires in …", the copy action and the QR code, as the attributes ask. */
export function renderExtras(button: PayLinkButton, t: Terms, href: string, locale: string) {
  const expiresAt = button.view?.expiresAt;
  const expires = expiresAt ? Date.parse(expiresAt) - button.now : 0;
  return html`${expires > 0 ? html`<span part="expiry">${t.expiresIn(formatDuration(expires, locale))}</span>` : nothing}
    ${
      button.copy
        ? html`<button part="copy" type="button" @click=${() => copy(button, href)}>
            ${button.copied ? t.copied : t.copyLink}
          </button>`
        : nothing
    }
    ${
      button.qr
        ? html`<figure>
            <pay-link-qr part="qr" link=${button.view!.id} proxy=${button.proxyUrl} locale=${locale}></pay-link-qr>
            <figcaption part="caption">${t.scanToPay}</figcaption>
          </figure>`
        : nothing
    }`;
}

async function copy(button: PayLinkButton, href: string): Promise<void> {
  await navigator.clipboard.writeText(href);
  button.copied = true;
  setTimeout(() => {
    button.copied = false;
  }, 2000);
}

/** Product mode before the click: a "Buy now" button (its price is known only once the link exists). */
export function renderProduct(button: PayLinkButton, t: Terms) {
  const { busy, failure } = button;
  return html`<span part="base">
    <button part="button" class="button" type="button" ?disabled=${busy} aria-busy=${busy} @click=${() => buy(button)}>
      <span part="label">${busy ? t.preparing : html`<slot>${button.label || t.buy}</slot>`}</span>
    </button>
    ${failure ? html`<span part="error" role="alert">${errorStatus(failure) === 429 ? t.busy : t.error}</span>` : nothing}
  </span>`;
}

/** Asks the proxy for a fresh one-time link for the product, shows it, and opens its checkout. */
async function buy(button: PayLinkButton): Promise<void> {
  if (button.busy) return;
  button.busy = true;
  button.failure = null;
  try {
    const view = await checkout(button.proxyUrl, button.product);
    button.show(view);
    const url = safeCheckoutUrl(view.url);
    if (url) {
      if (button.target === '_blank') window.open(url.href, '_blank', 'noopener,noreferrer');
      else window.location.assign(url.href);
    }
  } catch (error) {
    button.fail(error);
  } finally {
    button.busy = false;
  }
}
