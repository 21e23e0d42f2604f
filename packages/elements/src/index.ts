// The package's public API: the elements, their registration, the default proxy, the events, and
// the shared status watching a custom element of your own can use. The proxy client (types and
// functions) is `@paylink/core`'s.
export { PayLinkElement } from './base/paylink-element.ts';
export { getDefaultProxy, setDefaultProxy } from './config.ts';
export { define, defineElements } from './define.ts';
export { defineForm } from './define-form.ts';
export type { PayLinkErrorDetail, PayLinkEventMap } from './events.ts';
export { type Terms, termsFor } from './i18n/i18n.ts';
export { type ButtonStatus, PayLinkButton } from './pay-link-button/pay-link-button.ts';
export { PayLinkForm, type PayLinkFormValues } from './pay-link-form/pay-link-form.ts';
export { PayLinkQr } from './pay-link-qr/pay-link-qr.ts';
export { PayLinkStatus, type StatusDisplay } from './pay-link-status/pay-link-status.ts';
export { StatusController, type StatusTarget } from './status/status-controller.ts';
export {
  type StatusListener,
  StatusMode,
  type WatchOptions,
  type WatchState,
  watchStatus,
} from './status/status-source.ts';
