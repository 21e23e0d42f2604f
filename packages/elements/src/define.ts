import { PayLinkButton } from './pay-link-button/pay-link-button.ts';
import { PayLinkQr } from './pay-link-qr/pay-link-qr.ts';
import { PayLinkStatus } from './pay-link-status/pay-link-status.ts';

/**
 * The one place the public elements get their tag names. Registering twice (two bundles on a page,
 * or the script tag plus an import) keeps the first definition instead of throwing.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** Registers `<pay-link-button>`, `<pay-link-status>` and `<pay-link-qr>` (what a public page needs). */
export function defineElements(): void {
  define('pay-link-button', PayLinkButton);
  define('pay-link-status', PayLinkStatus);
  define('pay-link-qr', PayLinkQr);
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-link-button': PayLinkButton;
    'pay-link-status': PayLinkStatus;
    'pay-link-qr': PayLinkQr;
  }
}
