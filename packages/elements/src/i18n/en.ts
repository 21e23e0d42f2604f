import type { Terms } from './terms.ts';

export const en: Terms = {
  pay: 'Pay',
  buy: 'Buy now',
  loading: 'Loading payment link…',
  preparing: 'Preparing checkout…',
  status: {
    open: 'Open',
    pending: 'Payment in progress',
    paid: 'Paid',
    expired: 'Expired',
    disabled: 'Unavailable',
  },
  error: 'Could not load the payment link.',
  notFound: 'Payment link not found.',
  busy: 'Too many attempts. Try again in a moment.',
  retry: 'Retry',
  offline: 'Reconnecting…',
  unsafe: 'This payment link cannot be opened.',
  payments: (count, limit) => `Payments: ${limit === null ? count : `${count} of ${limit}`}`,
  lastPayment: (when) => `Last payment ${when}`,
  expiresIn: (duration) => `Expires in ${duration}`,
  scanToPay: 'Scan to pay',
  copyLink: 'Copy link',
  copied: 'Link copied',
};
