import {
  formatMoney,
  getLink,
  type LinkStatusView,
  type PublicLinkView,
  safeCheckoutUrl,
  statusAt,
} from '@paylink/core';
import { html, nothing } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { errorStatus, proxyTarget, readLink } from '../client.ts';
import { type FailureKind, failureText } from '../diagnose.ts';
import { announceOutages } from '../status/announcer.ts';
import { isOutage, recoveryOf } from '../status/recovery.ts';
import { StatusController } from '../status/status-controller.ts';
import { theme } from '../styles/theme.ts';
import { styles } from './pay-link-button.styles.ts';

/** What `<pay-link-button>` reflects in its `status` attribute. */
export type ButtonStatus = LinkStatusView['status'] | 'loading' | 'error' | 'idle';

// Product mode, the copy action, the QR code and the expiry countdown load on first use: most
// buttons are a plain link, and `paylink.js` stays small (see README, "Size").
type Extras = typeof import('./extras.ts');
let loadingExtras: Promise<Extras> | undefined;

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
 * @csspart amount - The formatted amount (none for a flexible amount).
 * @csspart range - A flexible amount's suggestion and bounds ("Suggested UYU 500 · from UYU 100 to UYU 5,000").
 * @csspart description - The link's title or description (`show-description`), always as plain text.
 * @csspart note - A status note (payment in progress, cannot be opened).
 * @csspart expiry - "Expires in …".
 * @csspart qr - The QR code (`qr`).
 * @csspart caption - "Scan to pay" under the QR code.
 * @csspart copy - The copy-link button (`copy`).
 * @csspart error - The error message.
 * @csspart retry - The retry button.
 * @csspart skeleton - The loading placeholder (with `button`).
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
    now: { state: true },
    announcement: { state: true },
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
  theme: '' | 'light' | 'dark' = '';

  /** What is shown, reflected for CSS (`:host([status='paid'])`). Read-only. */
  status: ButtonStatus = 'loading';

  /** @internal The link's public view, once loaded. */
  view: PublicLinkView | null = null;
  /** @internal Why loading (or a product checkout) failed. */
  failure: Error | null = null;
  /** @internal What kind of failure, for the words shown. */
  failureKind: FailureKind = 'other';
  /** @internal The time the expiry checks use (refreshed every 30 s). */
  now = Date.now();
  /** @internal What the button's live region says (a status reached while the button had focus). */
  announcement = '';

  readonly #watch = new StatusController(this);
  /** Product mode, copy, QR and countdown: a controller of their own, made once its module is loaded. */
  #extras: import('./extras.ts').ButtonExtras | undefined;
  #abort: AbortController | null = null;
  #fallback: HTMLAnchorElement | null = null;
  #clock: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#fallback = this.querySelector(':scope > a[href]');
    // Local expiry (and the countdown) need the time now and then, not every second.
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
    if (!this.#extras && (this.product || this.copy || this.qr || this.view?.expiresAt)) {
      loadingExtras ??= import('./extras.ts');
      void loadingExtras.then((module) => {
        this.#extras ??= new module.ButtonExtras(this, (type, detail) => this.emit(type, detail));
        this.requestUpdate();
      });
    }
    const previous = this.status;
    this.status = this.view
      ? this.#linkStatus(this.view)
      : this.failure
        ? 'error'
        : this.link
          ? 'loading'
          : 'idle';
    // Someone on the button hears what it turned into ("Paid"); focus stays on it (see render).
    const usable = (status: ButtonStatus) => status === 'open' || status === 'pending';
    if (usable(previous) && !usable(this.status) && this.view && this.shadowRoot?.activeElement) {
      this.announcement = this.terms.status[this.#linkStatus(this.view)];
    }
  }

  #reset(): void {
    this.#abort?.abort();
    this.view = null;
    this.failure = null;
    this.#watch.watch(null);
  }

  async #load(): Promise<void> {
    this.#reset();
    const abort = new AbortController();
    this.#abort = abort;
    const proxy = this.proxyUrl;
    const link = this.link;
    try {
      const view = await readLink(proxy, link, abort.signal);
      if (!abort.signal.aborted) this.show(view);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.fail(error);
      if (!isOutage(error)) return;
      // The proxy is down: the page's one recovery state for it says so once and probes it; this
      // button loads again the moment it answers.
      announceOutages(proxy);
      const recovery = recoveryOf(proxy);
      recovery.failed((signal) => getLink(proxyTarget(proxy), link, signal));
      if (await recovery.wait(abort.signal)) void this.#load();
    }
  }

  /** @internal Shows a link's view and follows its status. */
  show(view: PublicLinkView): void {
    this.view = view;
    this.failure = null;
    this.#watch.watch({ proxy: this.proxyUrl, link: view.id }, statusOf(view));
  }

  /** @internal Records a failure and sends `paylink-error`. */
  fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.failureKind = this.diagnose(error);
    this.emit('paylink-error', { message: this.failure.message, status: errorStatus(error) });
  }

  /** The link's status now: the live one when newer than the view, expired locally once past `expiresAt`. */
  #linkStatus(view: PublicLinkView): LinkStatusView['status'] {
    const live = this.#watch.state.status;
    const status = live && live.version >= view.version ? live.status : view.status;
    return statusAt(status, view.expiresAt, new Date(this.now));
  }

  protected override render() {
    const t = this.terms;
    const view = this.view;
    // The placeholder is the button's own box (same padding, line height and border) around text of
    // a typical amount's width, drawn invisible: the page does not move when the link arrives.
    const skeleton = html`<span part="base"
      ><span part="button skeleton" class="button skeleton" aria-busy="true"
        ><span class="sr-only">${t.loading}</span
        ><span class="ghost" aria-hidden="true">${this.label || t.pay} XXX 000,000</span></span
      ></span
    >`;
    if (!view) {
      if (this.product && !this.link) return this.#extras ? this.#extras.renderProduct(t) : skeleton;
      if (this.#fallback) return html`<slot></slot>`;
      if (this.failure) {
        // Shown, not announced: 50 buttons of a page that cannot reach its proxy must not shout 50
        // alerts (status/announcer.ts says it once, politely).
        return html`<span part="base"
          ><span part="error" id="error">${failureText(t, this.failureKind)}</span>
          <button part="retry" type="button" aria-describedby="error" @click=${() => this.#load()}>
            ${t.retry}
          </button></span
        >`;
      }
      return skeleton;
    }

    const locale = this.resolvedLocale;
    const status = this.#linkStatus(view);
    const url = safeCheckoutUrl(view.url);
    const usable = status === 'open' || status === 'pending';
    const payable = url !== null && usable;
    const { value, currency } = view.amount;
    const money = (amount: string | null | undefined) =>
      amount ? formatMoney({ value: amount, currency }, locale) : '';
    // A flexible link: the payer chooses; the suggestion and bounds are secondary text.
    const flexible = view.amountMode === 'flexible';
    const range =
      flexible && usable
        ? this.#range(money(value), money(view.flexibleAmount?.min), money(view.flexibleAmount?.max))
        : '';
    const label = this.label || (flexible ? t.payWhatYouWant : t.pay);
    const amount = flexible ? nothing : html` <span part="amount">${money(value)}</span>`;

    // One element whether payable or not, so a focused Pay link that becomes paid keeps focus: without
    // `href` it is no longer a link, and `tabindex="-1"` keeps it focusable (never tabbable).
    return html`<span part="base">
      <a
        part="button"
        class=${payable ? 'button' : 'button off'}
        href=${payable ? url.href : nothing}
        target=${payable && this.target ? this.target : nothing}
        rel=${payable && this.target === '_blank' ? 'noopener noreferrer' : nothing}
        tabindex=${payable ? nothing : '-1'}
        ><span part="label" dir="auto"
          >${payable ? (this.#fallback ? label : html`<slot>${label}</slot>`) : usable ? label : t.status[status]}</span
        >${amount}</a
      >
      <span class="sr-only" role="status">${this.announcement}</span>
      ${range ? html`<span part="range">${range}</span>` : nothing}
      ${
        this.showDescription
          ? html`<span part="description" dir="auto">${view.title || view.description}</span>`
          : nothing
      }
      ${
        url === null && usable
          ? html`<span part="note">${t.unsafe}</span>`
          : status === 'pending'
            ? html`<span part="note">${t.status.pending}</span>`
            : nothing
      }
      ${payable && this.#extras ? this.#extras.renderExtras(t, url.href, locale) : nothing}
    </span>`;
  }

  /** "Suggested UYU 500 · from UYU 100 to UYU 5,000", whichever parts the link has. */
  #range(suggested: string, min: string, max: string): string {
    const t = this.terms;
    const bounds = min && max ? t.between(min, max) : min ? t.atLeast(min) : max ? t.atMost(max) : '';
    return [suggested && t.suggested(suggested), bounds].filter(Boolean).join(' · ');
  }
}
