import type { LinkStatusView, MerchantLinkView } from '@paylink/core';

/** Detail of `paylink-error`: what failed, in words for people, and the HTTP status when the proxy answered. */
export interface PayLinkErrorDetail {
  message: string;
  status: number | null;
}

/** Every event the PayLink elements dispatch. All bubble and are composed. */
export interface PayLinkEventMap {
  /** A watched link's status view changed (also sent for the first status an element learns). */
  'paylink-status-change': CustomEvent<LinkStatusView>;
  /** A watched link is paid (sent once per element). */
  'paylink-paid': CustomEvent<LinkStatusView>;
  /** A link was created by `<pay-link-form>`. */
  'paylink-created': CustomEvent<MerchantLinkView>;
  /** Loading, watching or creating failed. */
  'paylink-error': CustomEvent<PayLinkErrorDetail>;
}

// The events bubble and are composed, so listeners on document and window see them too.
declare global {
  interface HTMLElementEventMap extends PayLinkEventMap {}
  interface DocumentEventMap extends PayLinkEventMap {}
  interface WindowEventMap extends PayLinkEventMap {}
}
