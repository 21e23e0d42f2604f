import { safeCheckoutUrl } from '@paylink/core';
import { html, svg } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { getLink } from '../client.ts';
import { theme } from '../styles/theme.ts';
import { styles } from './pay-link-qr.styles.ts';
import type { QrCode } from './qr-code.ts';

/**
 * @summary A QR code of a payment link's checkout address (or of any `value` that passes the checkout URL
 * rule: `https:`, or `http:` on loopback). The QR encoder is loaded only when the first code is drawn.
 *
 * @csspart qr - The `<svg>`.
 *
 * @cssproperty --paylink-qr-size - Width and height (default 10rem).
 * @cssproperty --paylink-qr-color - Colour of the dark modules (default black; keep contrast high).
 * @cssproperty --paylink-qr-background - Colour of the light modules and quiet zone (default white).
 */
export class PayLinkQr extends PayLinkElement {
  static override styles = [theme, styles];

  static override properties = {
    value: {},
    link: {},
    label: {},
    code: { state: true },
  };

  /** The address to encode. Refused (nothing drawn) unless it passes the checkout URL rule. */
  value = '';

  /** Public id of a link whose checkout address to encode (when `value` is empty). */
  link = '';

  /** Accessible name of the image; defaults to the address itself. */
  label = '';

  private code: QrCode | null = null;
  #request = 0;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value') || changed.has('link') || changed.has('proxy')) void this.#draw();
  }

  async #draw(): Promise<void> {
    const request = ++this.#request;
    let text = this.value;
    if (!text && this.link) text = (await getLink(this.proxyUrl, this.link).catch(() => null))?.url ?? '';
    // An unsafe address draws nothing, and loads nothing.
    const url = safeCheckoutUrl(text);
    const code = url && (await import('./qr-code.ts')).qrCode(url.href);
    if (request === this.#request) this.code = code;
  }

  protected override render() {
    const code = this.code;
    if (!code) return html`<span class="placeholder" part="qr"></span>`;
    const { size } = code;
    return html`<svg part="qr" role="img" aria-label=${this.label || code.href} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">${svg`<rect class="light" width=${size} height=${size}></rect><path class="dark" d=${code.path}></path>`}</svg>`;
  }
}
