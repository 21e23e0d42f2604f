import { isPublicLinkId, qrImageUrl } from '@paylink/core';
import { html, nothing } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { proxyTarget } from '../client.ts';
import { announceOutages } from '../status/announcer.ts';
import { recoveryOf } from '../status/recovery.ts';
import { theme } from '../styles/theme.ts';
import { styles } from './pay-link-qr.styles.ts';

/**
 * @summary A QR code of a payment link's checkout address: the image the proxy renders
 * (`GET /v1/links/{id}/qr.svg`), so no QR encoder ships to the browser. Always black on white with its
 * quiet zone, whatever the theme: a rounded or recoloured code is one a phone cannot read.
 *
 * @event paylink-error - The image could not be loaded (unknown link, proxy unreachable). Detail: `{ message, status }`.
 * When the proxy was unreachable, the image loads again by itself once it answers.
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

  #abort: AbortController | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#abort = null;
  }

  async #onError(src: string): Promise<void> {
    this.failed = true;
    this.emit('paylink-error', { message: this.terms.qrUnavailable, status: null });
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    // An image error does not say why, so ask for the image once more (the route allows CORS): a
    // refusal (404, 422) stays; an image that answers now (the proxy came back meanwhile) is shown;
    // no answer means the proxy is down, and the page's one recovery state for it tells this element
    // when to load the image again.
    const probe = (signal: AbortSignal) => fetch(src, { signal });
    try {
      if ((await probe(abort.signal)).ok) this.#retry();
      return;
    } catch {
      if (abort.signal.aborted) return;
    }
    announceOutages(this.proxyUrl);
    const recovery = recoveryOf(this.proxyUrl);
    recovery.failed(probe);
    if (await recovery.wait(abort.signal)) this.#retry();
  }

  #retry(): void {
    this.loaded = false;
    this.failed = false;
  }

  protected override render() {
    const t = this.terms;
    // Not an alert: during an outage the page says so once, politely (status/announcer.ts).
    if (this.failed) return html`<span part="error" class="box">${t.qrUnavailable}</span>`;
    if (!this.link) return html`<span class="box placeholder"></span>`;
    const src = qrImageUrl(proxyTarget(this.proxyUrl), this.link);
    return html`<img
        part="qr"
        class=${this.loaded ? '' : 'loading'}
        src=${src}
        alt=${this.label || t.qrCode}
        @load=${() => {
          this.loaded = true;
        }}
        @error=${() => void this.#onError(src)}
      />${this.loaded ? nothing : html`<span class="box placeholder" aria-hidden="true"></span>`}`;
  }
}
