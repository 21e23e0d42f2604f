import { isPublicLinkId, qrImageUrl } from '@paylink/core';
import { html, nothing } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { proxyTarget } from '../client.ts';
import { theme } from '../styles/theme.ts';
import { styles } from './pay-link-qr.styles.ts';

/**
 * @summary A QR code of a payment link's checkout address: the image the proxy renders
 * (`GET /v1/links/{id}/qr.svg`), so no QR encoder ships to the browser. Always black on white with its
 * quiet zone, whatever the theme: a rounded or recoloured code is one a phone cannot read.
 *
 * @event paylink-error - The image could not be loaded (unknown link, proxy unreachable). Detail: `{ message, status }`.
 *
 * @csspart qr - The `<img>` (its shape, colours and quiet zone are not themeable).
 * @csspart error - The message shown when the image cannot be loaded.
 *
 * @cssproperty --paylink-qr-size - Width and height (default 10rem, at least 6rem so phones can read it).
 */
export class PayLinkQr extends PayLinkElement {
  static override styles = [theme, styles];

  static override properties = {
    link: {},
    label: {},
    loaded: { state: true },
    failed: { state: true },
  };

  /** Public id of the link (`pl_…`) whose checkout address to show. */
  link = '';

  /** Accessible name of the image (default "QR code of the payment link"). */
  label = '';

  /** @internal The image has loaded. */
  loaded = false;
  /** @internal The image failed to load. */
  failed = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('link') || changed.has('proxy')) {
      this.loaded = false;
      this.failed = this.link !== '' && !isPublicLinkId(this.link);
    }
  }

  #onError(): void {
    this.failed = true;
    this.emit('paylink-error', { message: this.terms.qrUnavailable, status: null });
  }

  protected override render() {
    const t = this.terms;
    if (this.failed) return html`<span part="error" class="box" role="alert">${t.qrUnavailable}</span>`;
    if (!this.link) return html`<span class="box placeholder"></span>`;
    return html`<img
        part="qr"
        class=${this.loaded ? '' : 'loading'}
        src=${qrImageUrl(proxyTarget(this.proxyUrl), this.link)}
        alt=${this.label || t.qrCode}
        @load=${() => {
          this.loaded = true;
        }}
        @error=${() => this.#onError()}
      />${this.loaded ? nothing : html`<span class="box placeholder" aria-hidden="true"></span>`}`;
  }
}
