import { safeCheckoutUrl } from '@paylink/core';
import { html, nothing, svg } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { clientFor } from '../client.ts';
import { theme } from '../styles/theme.ts';
import { styles } from './pay-link-qr.styles.ts';

/** One SVG path for the dark modules, a horizontal run per segment (far smaller than one rect each). */
function qrPath(data: boolean[][]): string {
  let path = '';
  data.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      path += `M${start} ${y}h${x - start + 1}v1h${start - x - 1}z`;
    }
  });
  return path;
}

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
    modules: { state: true },
    encoded: { state: true },
  };

  /** The address to encode. Refused (nothing drawn) unless it passes the checkout URL rule. */
  value = '';

  /** Public id of a link whose checkout address to encode (when `value` is empty). */
  link = '';

  /** Accessible name of the image; defaults to the address itself. */
  label = '';

  private modules: boolean[][] | null = null;
  private encoded = '';
  #request = 0;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value') || changed.has('link') || changed.has('proxy')) void this.#encode();
  }

  async #encode(): Promise<void> {
    const request = ++this.#request;
    let text = this.value;
    if (!text && this.link)
      text =
        (
          await clientFor(this.proxyUrl)
            .getLink(this.link)
            .catch(() => null)
        )?.url ?? '';
    const url = safeCheckoutUrl(text);
    let modules: boolean[][] | null = null;
    if (url) {
      const { encode } = await import('uqr');
      modules = encode(url.href, { ecc: 'M', border: 2 }).data;
    }
    if (request !== this.#request) return;
    this.modules = modules;
    this.encoded = url?.href ?? '';
  }

  protected override render() {
    const modules = this.modules;
    if (!modules) return html`<span class="placeholder" part="qr"></span>`;
    const size = modules.length;
    return html`<svg
      part="qr"
      role="img"
      aria-label=${this.label || this.encoded || nothing}
      viewBox="0 0 ${size} ${size}"
      shape-rendering="crispEdges"
    >
      ${svg`<rect class="light" width=${size} height=${size}></rect><path class="dark" d=${qrPath(modules)}></path>`}
    </svg>`;
  }
}
