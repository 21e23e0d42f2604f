export { PayLinkElement } from './base/paylink-element.ts';
export {
  errorStatus,
  eventsUrl,
  getLink,
  getStatus,
} from './client.ts';
export { getDefaultProxy, setDefaultProxy } from './config.ts';
export { define, defineElements } from './define.ts';
export { defineForm } from './define-form.ts';
export type { PayLinkErrorDetail, PayLinkEventMap } from './events.ts';
export { formatDuration } from './i18n/duration.ts';
export { formatDateTime, loadTerms, type Terms, termsFor } from './i18n/i18n.ts';
export { checkout } from './pay-link-button/extras.ts';
export { type ButtonStatus, PayLinkButton } from './pay-link-button/pay-link-button.ts';
export { amountInputText, localDateTimeInput, parseAmount } from './pay-link-form/amount.ts';
export { MerchantClient, type ProviderInfo } from './pay-link-form/merchant-client.ts';
export { PayLinkForm, type PayLinkFormValues } from './pay-link-form/pay-link-form.ts';
export { PayLinkQr } from './pay-link-qr/pay-link-qr.ts';
export { PayLinkStatus, type StatusDisplay } from './pay-link-status/pay-link-status.ts';
export { backoffDelay } from './status/backoff.ts';
export { getStatuses } from './status/poll-group.ts';
export { StatusController, type StatusTarget } from './status/status-controller.ts';
export {
  activeSourceCount,
  type StatusListener,
  StatusMode,
  type WatchOptions,
  type WatchState,
  watchStatus,
} from './status/status-source.ts';
