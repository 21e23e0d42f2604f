// Step 4: the provider's states on PayLink's status model; one `switch` per provider enum with an
// explicit default, written down as the status table in README.md.
import {
  fromMinorUnits,
  isCurrencyCode,
  type LastPayment,
  LinkStatus,
  PaymentOutcome,
  ProviderError,
  ProviderErrorKind,
} from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';
import { PROVIDER } from './settings.ts';
import { type TemplateLink, TemplateLinkStatus, type TemplatePayment } from './wire.ts';

/** One payment's status as an attempt's outcome; an unknown one never counts as paid. */
export function paymentOutcome(status: string): PaymentOutcome {
  switch (status) {
    case 'approved':
      return PaymentOutcome.Approved;
    case 'pending':
      return PaymentOutcome.Pending;
    default:
      return PaymentOutcome.Rejected;
  }
}

function lastPaymentOf(payment: TemplatePayment | undefined): LastPayment | null {
  if (!payment) return null;
  const amount =
    Number.isSafeInteger(payment.amount_minor) &&
    payment.amount_minor >= 0 &&
    isCurrencyCode(payment.currency)
      ? fromMinorUnits(payment.amount_minor, payment.currency)
      : undefined;
  return { outcome: paymentOutcome(payment.status), at: payment.at, ...(amount ? { amount } : {}) };
}

/** A link on the common status model (README.md, "Status table"). */
export function toLinkState(link: TemplateLink): ProviderLinkState {
  const count = link.payments.filter((p) => p.status === 'approved').length;
  const lastPayment = lastPaymentOf(link.payments.at(-1));
  const inFlight = lastPayment?.outcome === PaymentOutcome.Pending;
  let status: LinkStatus;
  switch (link.status) {
    case TemplateLinkStatus.Active:
      status = inFlight ? LinkStatus.Pending : LinkStatus.Open;
      break;
    case TemplateLinkStatus.Paid:
      status = LinkStatus.Paid;
      break;
    case TemplateLinkStatus.Expired:
      // Paid beats expired: a payment in flight at the deadline may still be approved.
      status = inFlight ? LinkStatus.Pending : LinkStatus.Expired;
      break;
    case TemplateLinkStatus.Disabled:
      status = LinkStatus.Disabled;
      break;
    default:
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'template reported an unknown link status',
        {
          retryable: false,
        },
      );
  }
  return {
    status,
    payments: { count, limit: link.single_use ? 1 : null },
    lastPayment,
    expiresAt: link.expires_at,
  };
}
