// The parts of <pay-link-button> most buttons never show, loaded the first time one does: product
// mode, the expiry countdown, the copy action and the QR code.
import { checkout, type PublicLinkView, safeCheckoutUrl } from '@paylink/core';
import {
  adoptStyles,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type ReactiveElement,
} from 'lit';
import { errorStatus, proxyTarget } from '../client.ts';
import type { PayLinkEventMap } from '../events.ts';
import { formatDuration } from '../i18n/duration.ts';
import type { Terms } from '../i18n/terms.ts';
import { extrasStyles } from './extras.styles.ts';

/** How long "Link copied" (or "Could not copy") stays before the action reads "Copy link" again. */
const COPY_FEEDBACK_MS = 2000;

/** What the extras read from their button, and how they tell it something. */
export interface ExtrasHost extends ReactiveControllerHost {
  /** The button's shadow root, which the extras' rules join. */
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly proxyUrl: string;
  readonly product: string;
  readonly target: string;
  readonly label: string;
  readonly view: PublicLinkView | null;
  /** The time the countdown uses. */
  readonly now: number;
  readonly copy: boolean;
  readonly qr: boolean;
  /** Shows a link's view (a product checkout's fresh link). */
  show(view: PublicLinkView): void;
  /** Shows a failure and sends `paylink-error`. */
  fail(error: unknown): void;
}

/** The host's typed `emit` (PayLinkElement's), handed over so the extras send events as the button does. */
export type Emit = <K extends keyof PayLinkEventMap>(
  type: K,
  detail: PayLinkEventMap[K]['detail'],
) => boolean;

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The button's extras as a controller that owns their state: the copy action (and what happened to
 * the last copy), the product checkout under way, the countdown and the QR code. It changes
 * nothing of the button's but through `show`/`fail`, and sends its events through the button's `emit`.
 */
export class ButtonExtras implements ReactiveController {
  readonly #host: ExtrasHost;
  readonly #emit: Emit;
  #copy: CopyState = 'idle';
  #copyTimer: ReturnType<typeof setTimeout> | undefined;
  #busy = false;
  #checkoutFailure: Error | null = null;

  constructor(host: ExtrasHost, emit: Emit) {
    this.#host = host;
    this.#emit = emit;
    host.addController(this);
    // The button's own rules stay (its class's), the extras' join them.
    const own = (host.constructor as typeof ReactiveElement).elementStyles;
    if (host.renderRoot instanceof ShadowRoot) adoptStyles(host.renderRoot, [...own, extrasStyles]);
  }

  hostDisconnected(): void {
    clearTimeout(this.#copyTimer);
    this.#copy = 'idle';
  }

  /** Under a payable button: "Expires in …", the copy action and the QR code, as the attributes ask. */
  renderExtras(t: Terms, href: string, locale: string) {
    const host = this.#host;
    const expiresAt = host.view?.expiresAt;
    const expires = expiresAt ? Date.parse(expiresAt) - host.now : 0;
    const copyText = this.#copy === 'copied' ? t.copied : this.#copy === 'failed' ? t.copyFailed : t.copyLink;
    return html`${expires > 0 ? html`<span part="expiry">${t.expiresIn(formatDuration(expires, locale))}</span>` : nothing}
      ${
        host.copy
          ? html`<button part="copy" type="button" @click=${() => this.#copyLink(href)}>${copyText}</button>`
          : nothing
      }
      ${
        host.qr && host.view
          ? html`<figure>
              <pay-link-qr part="qr" link=${host.view.id} proxy=${host.proxyUrl} locale=${locale}></pay-link-qr>
              <figcaption part="caption">${t.scanToPay}</figcaption>
            </figure>`
          : nothing
      }`;
  }

  /** Product mode before the click: a "Buy now" button (its price is known only once the link exists). */
  renderProduct(t: Terms) {
    const busy = this.#busy;
    const failure = this.#checkoutFailure;
    return html`<span part="base">
      <button part="button" class="button" type="button" ?disabled=${busy} aria-busy=${busy} @click=${() => this.#buy()}>
        <span part="label" dir="auto">${busy ? t.preparing : html`<slot>${this.#host.label || t.buy}</slot>`}</span>
      </button>
      ${failure ? html`<span part="error" role="alert">${errorStatus(failure) === 429 ? t.busy : t.error}</span>` : nothing}
    </span>`;
  }

  async #copyLink(href: string): Promise<void> {
    clearTimeout(this.#copyTimer);
    try {
      await navigator.clipboard.writeText(href);
      this.#copy = 'copied';
    } catch (error) {
      // Refused (no permission, no focus, an insecure page): say so, and let the page know why.
      this.#copy = 'failed';
      const reason = error instanceof Error ? error.message : String(error);
      this.#emit('paylink-error', {
        message: `The link could not be copied to the clipboard: ${reason}`,
        status: null,
      });
    }
    this.#host.requestUpdate();
    this.#copyTimer = setTimeout(() => {
      this.#copy = 'idle';
      this.#host.requestUpdate();
    }, COPY_FEEDBACK_MS);
  }

  /** Asks the proxy for a fresh one-time link for the product, shows it, and opens its checkout. */
  async #buy(): Promise<void> {
    const host = this.#host;
    if (this.#busy) return;
    this.#busy = true;
    this.#checkoutFailure = null;
    host.requestUpdate();
    try {
      const view = await checkout(proxyTarget(host.proxyUrl), host.product);
      host.show(view);
      const url = safeCheckoutUrl(view.url);
      if (url) {
        if (host.target === '_blank') window.open(url.href, '_blank', 'noopener,noreferrer');
        else window.location.assign(url.href);
      }
    } catch (error) {
      this.#checkoutFailure = error instanceof Error ? error : new Error(String(error));
      host.fail(error);
    } finally {
      this.#busy = false;
      host.requestUpdate();
    }
  }
}
