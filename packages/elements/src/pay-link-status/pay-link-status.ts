import type { LinkStatusView } from '@paylink/core';
import { html, nothing } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { failureText } from '../diagnose.ts';
import { formatDateTime } from '../i18n/i18n.ts';
import { StatusController } from '../status/status-controller.ts';
import type { StatusMode } from '../status/status-source.ts';
import { theme } from '../styles/theme.ts';
import { styles } from './pay-link-status.styles.ts';

/** What `<pay-link-status>` reflects in its `status` attribute: a link status, or `loading` / `error`. */
export type StatusDisplay = LinkStatusView['status'] | 'loading' | 'error';

/**
 * @summary A payment link's live status (open, pending, paid, expired, disabled), announced politely to
 * screen readers (the status only; an unreachable proxy is said once for the whole page). Every element on the page watching the same link shares one connection.
 *
 * @event paylink-status-change - The status view changed (also the first status learnt). Detail: `LinkStatusView`.
 * @event paylink-paid - The link is paid (once per element). Detail: `LinkStatusView`.
 * @event paylink-error - The status could not be read. Detail: `{ message, status }`.
 *
 * @csspart base - The wrapper.
 * @csspart badge - The status badge (the live region).
 * @csspart payments - "Payments: 2 of 5" (`detailed`).
 * @csspart last-payment - Time of the last payment (`detailed`).
 * @csspart notice - "Reconnecting…" while the proxy is unreachable (the last known status stays).
 *
 * @cssproperty --paylink-status-color - Badge colour for statuses without their own (expired, disabled, loading).
 * @cssproperty --paylink-status-open - Badge colour when open.
 * @cssproperty --paylink-status-pending - Badge colour when a payment is in progress.
 * @cssproperty --paylink-status-paid - Badge colour when paid.
 * @cssproperty --paylink-status-error - Badge colour when the status cannot be read.
 * @cssproperty --paylink-status-font-size - Text size.
 */
export class PayLinkStatus extends PayLinkElement {
  static override styles = [theme, styles];

  static override properties = {
    link: {},
    interval: { type: Number },
    mode: {},
    detailed: { type: Boolean },
    theme: { reflect: true },
    status: { reflect: true },
  };

  /** Public id of the link (`pl_…`). */
  link = '';

  /** Plain polling interval in milliseconds. */
  interval = 3000;

  /** `auto` (SSE, then long poll, then polling), `poll` or `sse`. */
  mode: StatusMode = 'auto';

  /** Also show the payments count and the last payment's time. */
  detailed = false;

  /** `light` or `dark`; by default the page's colour scheme. */
  theme: '' | 'light' | 'dark' = '';

  /** What is shown, reflected for CSS (`:host([status='paid'])`). Read-only. */
  status: StatusDisplay = 'loading';

  readonly #watch = new StatusController(this, true);

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('link') || changed.has('proxy') || changed.has('mode') || changed.has('interval')) {
      this.#watch.watch(
        this.link
          ? { proxy: this.proxyUrl, link: this.link, mode: this.mode, interval: this.interval }
          : null,
      );
    }
    const { status, error } = this.#watch.state;
    this.status = status ? status.status : error ? 'error' : 'loading';
  }

  protected override render() {
    const t = this.terms;
    const locale = this.resolvedLocale;
    const { status, error } = this.#watch.state;
    const badge = status ? t.status[status.status] : error ? failureText(t, this.diagnose(error)) : t.loading;
    const last = status?.lastPayment?.at;
    // Only a real status is announced (politely): an element that cannot reach its proxy shows so,
    // but the page says it once for all of them (status/announcer.ts), not once per element.
    return html`<span part="base">
      <span part="badge" role="status" aria-live=${status ? 'polite' : 'off'}>${badge}</span>
      ${
        this.detailed && status
          ? html`<span part="payments">${t.payments(status.payments.count, status.payments.limit)}</span>
            ${last ? html`<span part="last-payment">${t.lastPayment(formatDateTime(last, locale))}</span>` : nothing}`
          : nothing
      }
      ${status && error ? html`<span part="notice">${t.offline}</span>` : nothing}
    </span>`;
  }
}
