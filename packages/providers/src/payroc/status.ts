// Payroc's links and payments on PayLink's status model (the table in README.md; payroc.md §4).
import {
  fromMinorUnits,
  isCurrencyCode,
  type LastPayment,
  LinkStatus,
  ProviderError,
  ProviderErrorKind,
} from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';
import { expiresAtFor } from './dates.ts';
import { PROVIDER } from './settings.ts';
import {
  type PayrocBankTransferPayment,
  type PayrocCardPayment,
  PayrocLinkStatus,
  PayrocLinkType,
  type PayrocPaymentAttempt,
  type PayrocPaymentLink,
  type PayrocPaymentsSummary,
} from './wire.ts';

/**
 * A card payment's outcome. `responseCode` `A` approved, `P` partially approved, `E` pending (TransactionResult.ts);
 * `declined`, `referral`, `pickup`, `expired` and a `reversal` (voided) are not payments taken
 * (inferred). Refunds and pre-authorization completions are not new payments: null.
 */
export function cardPaymentOutcome(payment: PayrocCardPayment): 'approved' | 'rejected' | 'pending' | null {
  const result = payment.transactionResult;
  if (result.type === 'refund' || result.type === 'preAuthorizationCompletion') return null;
  // `E`: "the processor received the transaction but will process the transaction later".
  if (result.responseCode === 'E') return 'pending';
  const status = result.status as string;
  switch (status) {
    case 'ready':
    case 'pending':
    case 'complete':
    case 'accepted':
    case 'admin':
      return result.responseCode === 'A' || result.responseCode === 'P' ? 'approved' : 'rejected';
    case 'declined':
    case 'referral':
    case 'pickup':
    case 'expired':
    case 'reversal':
      return 'rejected';
    default:
      return result.responseCode === 'A' || result.responseCode === 'P' ? 'approved' : 'rejected';
  }
}

/**
 * A bank-transfer payment's outcome (BankTransferResult.ts). `pending` is an ACH debit not yet
 * settled: pending; `ready`/`complete` approved; `declined`, `returned` and `reversal` rejected
 * (inferred). Refunds and account verifications are not payments: null.
 */
export function bankTransferOutcome(
  payment: PayrocBankTransferPayment,
): 'approved' | 'rejected' | 'pending' | null {
  const result = payment.transactionResult;
  if (!result) return 'pending';
  if (result.type !== 'payment') return null;
  const status = result.status as string;
  switch (status) {
    case 'pending':
      return result.responseCode === 'D' ? 'rejected' : 'pending';
    case 'ready':
    case 'complete':
    case 'admin':
      return result.responseCode === 'D' ? 'rejected' : 'approved';
    case 'declined':
    case 'returned':
    case 'reversal':
      return 'rejected';
    default:
      return result.responseCode === 'A' ? 'approved' : 'rejected';
  }
}

interface Attempt {
  payment: PayrocCardPayment | PayrocBankTransferPayment;
  outcome: 'approved' | 'rejected' | 'pending';
}

const attemptTime = (a: Attempt) => Date.parse(a.payment.order.dateTime ?? '') || 0;

function latest(attempts: Attempt[]): PayrocPaymentsSummary['last'] {
  let best: Attempt | null = null;
  for (const a of attempts) if (best === null || attemptTime(a) >= attemptTime(best)) best = a;
  if (!best) return null;
  const { order, paymentId } = best.payment;
  return {
    outcome: best.outcome,
    at: order.dateTime ?? null,
    amount: order.amount,
    currency: order.currency,
    paymentId,
  };
}

/** Counts a link's approved payments and finds the latest attempt and the latest approval (by `order.dateTime`). */
export function summarizePayments(
  card: readonly PayrocCardPayment[],
  bank: readonly PayrocBankTransferPayment[],
): PayrocPaymentsSummary {
  const attempts: Attempt[] = [];
  for (const payment of card) {
    const outcome = cardPaymentOutcome(payment);
    if (outcome) attempts.push({ payment, outcome });
  }
  for (const payment of bank) {
    const outcome = bankTransferOutcome(payment);
    if (outcome) attempts.push({ payment, outcome });
  }
  const approvals = attempts.filter((a) => a.outcome === 'approved');
  return { approved: approvals.length, last: latest(attempts), lastApproved: latest(approvals) };
}

/** A payment attempt as our last payment, its amount from minor units (`order.amount`). */
function attemptOf(attempt: PayrocPaymentAttempt): LastPayment {
  const amount =
    Number.isSafeInteger(attempt.amount) && attempt.amount >= 0 && isCurrencyCode(attempt.currency)
      ? fromMinorUnits(attempt.amount, attempt.currency)
      : undefined;
  return { outcome: attempt.outcome, at: attempt.at, ...(amount ? { amount } : {}) };
}

/**
 * Maps Payroc's link state onto the common status model (the table in README.md). `payments`, when
 * read, supplies the count and the last payment; without it a completed link counts one payment.
 */
export function toLinkState(
  link: PayrocPaymentLink,
  options: { payments?: PayrocPaymentsSummary | null; timeZone?: string } = {},
): ProviderLinkState {
  const limit = link.type === PayrocLinkType.SingleUse ? 1 : null;
  const expiresAt = link.expiresOn ? expiresAtFor(link.expiresOn, options.timeZone) : null;
  const read = options.payments ?? null;
  const lastPayment = read?.last ? attemptOf(read.last) : null;
  const count = read?.approved ?? 0;
  const status = link.status as PayrocLinkStatus;
  switch (status) {
    case PayrocLinkStatus.Active:
      // A multi-use link stays active however many payments it takes (§4): they come from the Payments API.
      return {
        status:
          read?.last?.outcome === 'pending' && count === 0 && limit === 1
            ? LinkStatus.Pending
            : LinkStatus.Open,
        payments: { count: limit === null ? count : Math.min(count, limit), limit },
        lastPayment,
        expiresAt,
      };
    case PayrocLinkStatus.Completed:
      // A single-use link completes after one successful payment (§4); the payment read says when.
      return {
        status: LinkStatus.Paid,
        payments: { count: Math.max(1, count), limit },
        lastPayment: read?.lastApproved ? attemptOf(read.lastApproved) : { outcome: 'approved', at: null },
        expiresAt,
      };
    case PayrocLinkStatus.Deactivated:
      return { status: LinkStatus.Disabled, payments: { count, limit }, lastPayment, expiresAt };
    case PayrocLinkStatus.Expired:
      return { status: LinkStatus.Expired, payments: { count, limit }, lastPayment, expiresAt };
    default:
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unsupported,
        `payroc reported an unknown link status "${status}"`,
      );
  }
}
