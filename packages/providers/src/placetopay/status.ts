// Placetopay's link and payment states on PayLink's status model (the table in README.md).
import {
  amountProblem,
  isCurrencyCode,
  type LastPayment,
  LinkStatus,
  type Money,
  normalizeMoney,
  PaymentOutcome,
} from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';
import { DEFAULT_TIME_ZONE, parsePlacetopayDate, toIsoSeconds } from './dates.ts';
import {
  type PlacetopayLink,
  PlacetopayLinkStatus,
  type PlacetopayPayment,
  PlacetopayPaymentStatus,
} from './wire.ts';

/** One payment's state as the outcome of an attempt. */
export function mapPaymentOutcome(status: string | undefined): PaymentOutcome {
  switch (status) {
    case PlacetopayPaymentStatus.Approved:
      return PaymentOutcome.Approved;
    case PlacetopayPaymentStatus.Pending:
    case PlacetopayPaymentStatus.PendingValidation:
    // A partly approved session is still waiting for the rest of the amount.
    case PlacetopayPaymentStatus.ApprovedPartial:
      return PaymentOutcome.Pending;
    case PlacetopayPaymentStatus.Rejected:
    case PlacetopayPaymentStatus.PartialExpired:
    case PlacetopayPaymentStatus.Failed:
    case PlacetopayPaymentStatus.Error:
    case PlacetopayPaymentStatus.Refunded:
      return PaymentOutcome.Rejected;
    default:
      // An unknown state never counts as paid and never holds the link in `pending`.
      return PaymentOutcome.Rejected;
  }
}

function latestPayment(payments: readonly PlacetopayPayment[]): PlacetopayPayment | null {
  let latest: PlacetopayPayment | null = null;
  for (const payment of payments) {
    // Payment ids grow with time; later entries win ties (and the case of missing ids).
    if (!latest || (payment.id ?? 0) >= (latest.id ?? 0)) latest = payment;
  }
  return latest;
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** A payment's `amount` (`{ currency, total }`, total a number or a string, note §3.2) as our money. */
function amountOf(payment: PlacetopayPayment): { amount?: Money } {
  const currency = payment.amount?.currency;
  const total = payment.amount?.total;
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) return {};
  const value = typeof total === 'number' ? String(total) : total;
  if (typeof value !== 'string' || amountProblem(value, currency)) return {};
  return { amount: normalizeMoney({ value, currency }) };
}

/** A queried link on the common status model (the table in README.md). */
export function toLinkState(link: PlacetopayLink, timeZone = DEFAULT_TIME_ZONE): ProviderLinkState {
  const payments = Array.isArray(link.payments) ? link.payments : [];
  const approved = payments.filter((p) => p.status === PlacetopayPaymentStatus.Approved).length;
  const limit = positiveInteger(link.totalPayments);
  const available = typeof link.availablePayments === 'number' ? link.availablePayments : null;
  const count = Math.max(approved, limit !== null && available !== null ? limit - available : 0);
  const quotaUsed = limit !== null && (available !== null ? available <= 0 : count >= limit);
  const latest = latestPayment(payments);
  const lastPayment: LastPayment | null = latest
    ? {
        outcome: mapPaymentOutcome(latest.status),
        at: toIsoOrNull(parsePlacetopayDate(latest.paymentDate, timeZone)),
        ...amountOf(latest),
      }
    : null;
  const expiry = parsePlacetopayDate(link.expirationDate, timeZone);
  let status: LinkStatus;
  // A link whose payment quota is used up was paid, whatever happened to it afterwards.
  if (quotaUsed) status = LinkStatus.Paid;
  else {
    switch (link.status) {
      case PlacetopayLinkStatus.Inactive:
        status = LinkStatus.Disabled;
        break;
      case PlacetopayLinkStatus.Expired:
        // A payment still pending when the link expired may yet be approved (paid beats expired).
        status = lastPayment?.outcome === PaymentOutcome.Pending ? LinkStatus.Pending : LinkStatus.Expired;
        break;
      default:
        // ACTIVE, and any state added later: judge by the payments.
        status = lastPayment?.outcome === PaymentOutcome.Pending ? LinkStatus.Pending : LinkStatus.Open;
    }
  }
  return { status, payments: { count, limit }, lastPayment, expiresAt: toIsoOrNull(expiry) };
}

function toIsoOrNull(date: Date | null): string | null {
  return date ? toIsoSeconds(date) : null;
}
