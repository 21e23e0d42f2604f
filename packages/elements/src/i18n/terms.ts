import type { LinkStatus } from '@paylink/core';

/** Everything the elements say, in one language. Terms that need a number or a date are functions. */
export interface Terms {
  /** Default button label, before the amount. */
  pay: string;
  /** Default label of a link whose amount the payer chooses (`amountMode: 'flexible'`). */
  payWhatYouWant: string;
  /** A flexible link's suggested amount, e.g. "Suggested UYU 500". */
  suggested: (amount: string) => string;
  /** A flexible link's bounds: both, only the minimum, or only the maximum. */
  between: (min: string, max: string) => string;
  atLeast: (min: string) => string;
  atMost: (max: string) => string;
  /** Label of a product button (`product="…"`), whose price is known only after the click. */
  buy: string;
  loading: string;
  /** While a product checkout link is being prepared. */
  preparing: string;
  status: Record<LinkStatus, string>;
  /** The link could not be loaded. */
  error: string;
  notFound: string;
  /** The `proxy` address answers, but is not a PayLink proxy. */
  notAProxy: string;
  /** No `proxy` is set and the page's own origin is not a proxy (a bundler setup). */
  noProxy: string;
  /** Too many checkout attempts (429). */
  busy: string;
  retry: string;
  /** Shown beside the last known state while the proxy is unreachable. */
  offline: string;
  /** Said once for the whole page (politely) when the proxy cannot be reached. */
  outage: string;
  /** The checkout address is not one the element may open. */
  unsafe: string;
  payments: (count: number, limit: number | null) => string;
  lastPayment: (when: string) => string;
  expiresIn: (duration: string) => string;
  /** Accessible name of a QR image. */
  qrCode: string;
  /** The QR image could not be loaded. */
  qrUnavailable: string;
  scanToPay: string;
  copyLink: string;
  copied: string;
  /** The clipboard refused the link. */
  copyFailed: string;
}
