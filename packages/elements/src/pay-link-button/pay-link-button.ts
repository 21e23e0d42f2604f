import {
  formatMoney,
  type LinkStatusView,
  type PublicLinkView,
  safeCheckoutUrl,
  statusAt,
} from '@paylink/core';
import { html, nothing } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { clientFor, errorStatus } from '../client.ts';
import { formatDuration } from '../i18n/i18n.ts';
import { StatusController } from '../status/status-controller.ts';
import type { WatchState } from '../status/status-source.ts';
import { theme } from '../styles/theme.ts';
import { styles } from './pay-link-button.styles.ts';

/** What `<pay-link-button>` reflects in its `status` attribute. */
export type ButtonStatus = LinkStatusView['status'] | 'loading' | 'error' | 'idle';

function statusOf(view: PublicLinkView): LinkStatusView {
  const { id, status, payments, lastPayment, version, updatedAt } = view;
  return { id, status, payments, lastPayment, version, updatedAt, stale: false };
}

/**
 * @summary A pay button for a payment link: the amount formatted for the reader's locale, a real link to
 * the provider's checkout, and a clear, non-clickable state once the link is paid, expired or disabled.
 * It follows the link's status live, so a paid link turns into "Paid" by itself.
 *
 * @slot - The label ("Pay" by default). A direct child `<a href>` is a no-script fallback: it is shown
 * until the link is loaded (and if loading fails), then replaced by the button.
 *
 * @event paylink-status-change - The link's status view changed. Detail: `LinkStatusView`.
 * @event paylink-paid - The link is paid (once per element). Detail: `LinkStatusView`.
 * @event paylink-error - The link could not be loaded, or a product checkout failed. Detail: `{ message, status }`.
 *
 * @csspart base - The wrapper.
 * @csspart button - The link (or, when it cannot be paid, the inert box; in product mode a `<button>`).
 * @csspart label - The label.
 * @csspart amount - The formatted amount.
 * @csspart description - The link's title or description (`show-description`), always as plain text.
 * @csspart note - A status note (payment in progress, cannot be opened).
 * @csspart expiry - "Expires in …".
 * @csspart qr - The QR code (`qr`).
 * @csspart caption - "Scan to pay" under the QR code.
 * @csspart copy - The copy-link button (`copy`).
 * @csspart error - The error message.
 * @csspart retry - The retry button.
 *
 * @cssproperty --paylink-button-background - Button background (default `--paylink-accent`).
 * @cssproperty --paylink-button-color - Button text (default `--paylink-on-accent`).
 * @cssproperty --paylink-button-padding - Button padding.
 * @cssproperty --paylink-skeleton-width - Width of the loading placeholder.
 * @cssproperty --paylink-qr-size - Size of the QR code.
 */
export class PayLinkButton extends PayLinkElement {
  static override styles = [theme, styles];

  static override properties = {
    link: {},
    product: {},
    target: {},
    label: {},
    qr: { type: Boolean },
    copy: { type: Boolean },
    showDescription: { type: Boolean, attribute: 'show-description' },
    theme: { reflect: true },
    status: { reflect: true },
    view: { state: true },
    failure: { state: true },
    busy: { state: true },
    copied: { state: true },
    now: { state: true },
  };

  /** Public id of the link (`pl_…`). */
  link = '';

  /** Product mode: a product's id in the proxy's configuration; a click asks for a fresh one-time link. */
  product = '';

  /** Where the checkout opens: `_self` (default) or `_blank` (then with `rel="noopener noreferrer"`). */
  target = '';

  /** Replaces the default label ("Pay"). */
  label = '';

  /** Show a QR code of the checkout address beside the button. */
  qr = false;

  /** Show a "Copy link" action. */
  copy = false;

  /** Show the link's title (or description) under the button. Attribute: `show-description`. */
  showDescription = false;

  /** `light` or `dark`; by default the page's colour scheme. */
  theme = '';

  /** What is shown, reflected for CSS (`:host([status='paid'])`). Read-only. */
  status: ButtonStatus = 'loading';

  private view: PublicLinkView | null = null;
  private failure: Error | null = null;
  private busy = false;
  private copied = false;
  private now = Date.now();

  readonly #watch = new StatusController(this, (state, previous) => this.#changed(state, previous));
  #abort: AbortController | null = null;
  #fallback: HTMLAnchorElement | null = null;
  #clock: ReturnType<typeof setInterval> | undefined;
  #paidSent = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#fallback = this.querySelector(':scope > a[href]');
    // The expiry countdown and local expiry need the time now and then, not every second.
    this.#clock = setInterval(() => {
      this.now = Date.now();
    }, 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('link') || changed.has('proxy') || changed.has('product')) {
      if (this.link) void this.#load();
      else this.#reset();
    }
    this.status = this.#display();
  }

  #reset(): void {
    this.#abort?.abort();
    this.view = null;
    this.failure = null;
    this.#paidSent = false;
    this.#watch.watch(null);
  }

  async #load(): Promise<void> {
    this.#reset();
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const view = await clientFor(this.proxyUrl).getLink(this.link, abort.signal);
      if (!abort.signal.aborted) this.#show(view);
    } catch (error) {
      if (!abort.signal.aborted) this.#fail(error);
    }
  }

  #show(view: PublicLinkView): void {
    this.view = view;
    this.failure = null;
    this.#watch.watch({ proxy: this.proxyUrl, link: view.id }, statusOf(view));
  }

  #fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.emit('paylink-error', { message: this.failure.message, status: errorStatus(error) });
  }

  #changed({ status }: WatchState, previous: LinkStatusView | null): void {
    if (!status || status.version === previous?.version) return;
    this.emit('paylink-status-change', status);
    if (status.status === 'paid' && !this.#paidSent) {
      this.#paidSent = true;
      this.emit('paylink-paid', status);
    }
  }

  /** The link's status now: the live one when newer than the view, expired locally once past `expiresAt`. */
  #linkStatus(view: PublicLinkView): LinkStatusView['status'] {
    const live = this.#watch.state.status;
    const status = live && live.version >= view.version ? live.status : view.status;
    return statusAt(status, view.expiresAt, new Date(this.now));
  }

  #display(): ButtonStatus {
    if (this.view) return this.#linkStatus(this.view);
    if (this.failure) return 'error';
    return this.link ? 'loading' : 'idle';
  }

  async #buy(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failure = null;
    try {
      const view = await clientFor(this.proxyUrl).checkout(this.product);
      this.#show(view);
      const url = safeCheckoutUrl(view.url);
      if (url) {
        if (this.target === '_blank') window.open(url.href, '_blank', 'noopener,noreferrer');
        else window.location.assign(url.href);
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  async #copy(url: string): Promise<void> {
    await navigator.clipboard.writeText(url);
    this.copied = true;
    setTimeout(() => {
      this.copied = false;
    }, 2000);
  }

  protected override render() {
    const t = this.terms;
    const view = this.view;
    if (!view) {
      if (this.product && !this.link) return this.#renderProduct();
      if (this.#fallback) return html`<slot></slot>`;
      if (this.failure) {
        const message = errorStatus(this.failure) === 404 ? t.notFound : t.error;
        return html`<span part="base"
          ><span part="error" role="alert">${message}</span>
          <button part="retry" type="button" @click=${() => this.#load()}>${t.retry}</button></span
        >`;
      }
      return html`<span part="base"
        ><span part="button skeleton" class="skeleton" aria-busy="true"><span class="sr-only">${t.loading}</span></span></span
      >`;
    }

    const locale = this.resolvedLocale;
    const status = this.#linkStatus(view);
    const url = safeCheckoutUrl(view.url);
    const payable = url !== null && (status === 'open' || status === 'pending');
    const amount =
      view.amount.value === null
        ? ''
        : formatMoney({ value: view.amount.value, currency: view.amount.currency }, locale);
    const label = this.label || t.pay;
    const expires = view.expiresAt ? Date.parse(view.expiresAt) - this.now : Number.NaN;

    return html`<span part="base">
      ${
        payable
          ? html`<a
            part="button"
            class="button"
            href=${url.href}
            target=${this.target || nothing}
            rel=${this.target === '_blank' ? 'noopener noreferrer' : nothing}
            ><span part="label">${this.#fallback ? label : html`<slot>${label}</slot>`}</span>
            <span part="amount">${amount}</span></a
          >`
          : html`<span part="button" class="button off"
            ><span part="label">${status === 'open' || status === 'pending' ? label : t.status[status]}</span>
            <span part="amount">${amount}</span></span
          >`
      }
      ${this.showDescription ? html`<span part="description">${view.title || view.description}</span>` : nothing}
      ${
        url === null && (status === 'open' || status === 'pending')
          ? html`<span part="note">${t.unsafe}</span>`
          : status === 'pending'
            ? html`<span part="note">${t.status.pending}</span>`
            : nothing
      }
      ${payable && expires > 0 ? html`<span part="expiry">${t.expiresIn(formatDuration(expires, locale))}</span>` : nothing}
      ${
        payable && this.copy
          ? html`<button part="copy" type="button" @click=${() => this.#copy(url.href)}>
            ${this.copied ? t.copied : t.copyLink}
          </button>`
          : nothing
      }
      ${
        payable && this.qr
          ? html`<figure>
            <pay-link-qr part="qr" value=${url.href} locale=${locale}></pay-link-qr>
            <figcaption part="caption">${t.scanToPay}</figcaption>
          </figure>`
          : nothing
      }
    </span>`;
  }

  #renderProduct() {
    const t = this.terms;
    const failure = this.failure;
    return html`<span part="base">
      <button part="button" class="button" type="button" ?disabled=${this.busy} aria-busy=${this.busy} @click=${this.#buy}>
        <span part="label">${this.busy ? t.preparing : html`<slot>${this.label || t.buy}</slot>`}</span>
      </button>
      ${
        failure
          ? html`<span part="error" role="alert">${errorStatus(failure) === 429 ? t.busy : t.error}</span>`
          : nothing
      }
    </span>`;
  }
}
