// The status model's rules as pure functions (DESIGN.md, "Status model"): what an observation
// does to a stored link, and which merchant events a change means.
import {
  WebhookEventType as EventType,
  isFinalStatus,
  LinkStatus,
  PaymentOutcome,
  type StatusSnapshot,
} from '@paylink/core';
import type { StoredLink } from '../store/store.ts';

/** Who says so: the provider (a read or a verified notification), or our own clock. */
export type ObservationSource = 'provider' | 'clock';

export type LinkState = Pick<StoredLink, 'status' | 'payments' | 'lastPayment' | 'provisional'>;

/**
 * The link's next state after an observation, or null when nothing changes.
 *
 * - Final states never change, except a provisional expiry (our clock said so, the provider has
 *   not): the provider's `paid`, `expired` or `disabled` replaces it, confirmed.
 * - Our clock only ever expires an open or pending link, provisionally.
 * - A provider that still reports the link open past its expiry leaves it provisionally expired;
 *   once the grace window has passed, such a read with no payment in flight confirms the expiry.
 * - The payment count never goes down.
 */
export function nextState(
  current: StoredLink,
  observed: StatusSnapshot,
  source: ObservationSource,
  now: Date,
  graceMs: number,
): LinkState | null {
  if (isFinalStatus(current.status) && !current.provisional) return null;
  const expiry = current.expiresAt === null ? null : Date.parse(current.expiresAt);
  const expired = expiry !== null && expiry <= now.getTime();

  let next: LinkState;
  if (source === 'clock') {
    if (!expired || current.provisional) return null;
    next = { ...pick(current), status: LinkStatus.Expired, provisional: true };
  } else {
    const payments = {
      count: Math.max(current.payments.count, observed.payments.count),
      limit: observed.payments.limit ?? current.payments.limit,
    };
    const lastPayment = observed.lastPayment ?? current.lastPayment;
    let status = observed.status;
    let provisional = false;
    if (expired && (status === LinkStatus.Open || status === LinkStatus.Pending)) {
      const inFlight = status === LinkStatus.Pending || lastPayment?.outcome === PaymentOutcome.Pending;
      const pastGrace = expiry + graceMs <= now.getTime();
      status = LinkStatus.Expired;
      provisional = inFlight || !pastGrace;
    }
    next = { status, payments, lastPayment, provisional };
  }
  return sameState(current, next) ? null : next;
}

function pick(link: StoredLink): LinkState {
  return {
    status: link.status,
    payments: link.payments,
    lastPayment: link.lastPayment,
    provisional: link.provisional,
  };
}

function sameState(a: LinkState, b: LinkState): boolean {
  return (
    a.status === b.status &&
    a.provisional === b.provisional &&
    a.payments.count === b.payments.count &&
    a.payments.limit === b.payments.limit &&
    a.lastPayment?.outcome === b.lastPayment?.outcome &&
    a.lastPayment?.at === b.lastPayment?.at
  );
}

/**
 * The events a change from `before` to `after` means, in the order they happened. A provisional
 * expiry means none: `link.expired` waits for the provider's word (or the grace window), so a
 * merchant never hears `link.expired` and then `link.paid`.
 */
export function eventTypesFor(before: LinkState, after: LinkState): EventType[] {
  const types: EventType[] = [];
  const rejected =
    after.lastPayment?.outcome === PaymentOutcome.Rejected &&
    (before.lastPayment?.outcome !== PaymentOutcome.Rejected ||
      before.lastPayment.at !== after.lastPayment.at);
  if (rejected) types.push(EventType.LinkPaymentFailed);
  if (after.status === LinkStatus.Pending && before.status !== LinkStatus.Pending)
    types.push(EventType.LinkPending);
  if (after.status === LinkStatus.Paid && before.status !== LinkStatus.Paid) types.push(EventType.LinkPaid);
  const confirmedExpiry = after.status === LinkStatus.Expired && !after.provisional;
  if (confirmedExpiry && (before.status !== LinkStatus.Expired || before.provisional))
    types.push(EventType.LinkExpired);
  if (after.status === LinkStatus.Disabled && before.status !== LinkStatus.Disabled)
    types.push(EventType.LinkDisabled);
  return types;
}
