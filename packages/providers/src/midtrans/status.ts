// Midtrans's links and transactions on PayLink's status model (README "Status table"; midtrans.md §4).
import type { CreateLinkRequest, LastPayment, LinkStatus, PaymentOutcome } from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';
import {
  expiryFor,
  MAX_USAGE_LIMIT,
  MINUTE_MS,
  type MidtransCreateBody,
  type MidtransLink,
  type MidtransPurchase,
  parseMidtransTime,
  unitMinutes,
} from './wire.ts';

/** What the link looks like right after a successful create. */
export function createdState(
  body: MidtransCreateBody,
  request: CreateLinkRequest,
  now: Date,
): ProviderLinkState {
  const expiry = expiryFor(request, now);
  return {
    status: 'open',
    payments: { count: 0, limit: limitOf(body.usage_limit) },
    lastPayment: null,
    expiresAt: expiry ? new Date(expiry.expiresAt).toISOString() : null,
  };
}

function limitOf(usageLimit: unknown): number | null {
  if (typeof usageLimit !== 'number' || !Number.isFinite(usageLimit) || usageLimit >= MAX_USAGE_LIMIT)
    return null;
  return usageLimit;
}

/** One payment's verdict from its `transaction_status` and `fraud_status` (§4 tables). */
export function paymentOutcomeOf(
  transactionStatus: string,
  fraudStatus?: string | null,
): PaymentOutcome | null {
  const fraud = fraudStatus?.toLowerCase();
  switch (transactionStatus.toLowerCase()) {
    case 'settlement':
      return 'approved';
    case 'capture':
    // A pre-authorized card payment (credit_card.type "authorize") stops at `authorize`: the funds are
    // held for the merchant, which is what the link asked for (inferred; see README).
    case 'authorize':
      // "success if settlement, or capture with fraud_status accept (when present)".
      if (fraud === 'challenge') return 'pending';
      if (fraud === 'deny') return 'rejected';
      return 'approved';
    case 'pending':
      return 'pending';
    case 'deny':
    case 'cancel':
    case 'expire':
    case 'failure':
      return 'rejected';
    // A refunded or charged-back payment was approved first and used the link's quota.
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback':
      return 'approved';
    default:
      return null;
  }
}

/**
 * How far along its life a transaction status is, so a late `pending` never outranks a
 * `settlement` of the same transaction (notifications and rows may arrive out of order, §5).
 */
export function transactionRank(transactionStatus: string, fraudStatus?: string | null): number {
  const status = transactionStatus.toLowerCase();
  switch (status) {
    case 'pending':
      return 0;
    case 'capture':
    case 'authorize':
      return fraudStatus?.toLowerCase() === 'challenge' ? 1 : status === 'authorize' ? 2 : 3;
    case 'settlement':
    case 'deny':
    case 'cancel':
    case 'expire':
    case 'failure':
      return 3;
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback':
      return 4;
    default:
      return -1;
  }
}

/**
 * When a link stops being payable: the observed `expires_at` when Midtrans gives one, else
 * expiry_start + expiry_duration·expiry_unit (§4); null without expiry.
 */
export function expiryOf(link: MidtransLink): number | null {
  const stated = instant(link.expires_at);
  if (stated !== null) return stated;
  const start = parseMidtransTime(link.expiry_start);
  const minutes = unitMinutes(link.expiry_unit);
  const duration = link.expiry_duration;
  if (start === null || minutes === null || typeof duration !== 'number' || duration <= 0) return null;
  return start + duration * minutes * MINUTE_MS;
}

/** An epoch number as an instant: seconds below 10^11 (year 5138), milliseconds above. */
function epochInstant(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null;
  return n < 1e11 ? n * 1000 : n;
}

/**
 * Whether (and when, if it says) the link was deleted, read from every field deletion has been
 * seen under: `deleted_at`, `delete_at`, `deletedAt`, `canceled_at` (timestamps) and
 * `epoch_deleted_at` (a number; 0 means not deleted). The earliest readable time wins.
 */
export function deletionOf(link: MidtransLink): { deleted: boolean; at: number | null } {
  const stamps = [link.deleted_at, link.delete_at, link.deletedAt, link.canceled_at];
  const epoch = epochInstant(link.epoch_deleted_at);
  const deleted = stamps.some((s) => typeof s === 'string' && s.trim() !== '') || epoch !== null;
  const times = [...stamps.map((s) => instant(s)), epoch].filter((t): t is number => t !== null);
  return { deleted, at: times.length ? Math.min(...times) : null };
}

function instant(text: string | null | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? parseMidtransTime(text) : ms;
}

interface Transaction {
  status: string;
  fraud: string | undefined;
  rank: number;
  at: number | null;
}

/** The latest known state of each transaction, keyed by its own order id. */
function transactionsOf(purchases: readonly MidtransPurchase[]): Transaction[] {
  const byOrder = new Map<string, Transaction>();
  purchases.forEach((purchase, index) => {
    if (typeof purchase.payment_status !== 'string') return;
    const status = purchase.payment_status.toLowerCase();
    const tx: Transaction = {
      status,
      fraud: purchase.fraud_status,
      rank: transactionRank(status, purchase.fraud_status),
      at: instant(purchase.updated_at) ?? instant(purchase.created_at),
    };
    const key = purchase.order_id ?? `#${index}`;
    const seen = byOrder.get(key);
    // Higher rank wins; equal rank: the later row wins.
    if (!seen || tx.rank > seen.rank || (tx.rank === seen.rank && (tx.at ?? 0) >= (seen.at ?? 0)))
      byOrder.set(key, tx);
  });
  return [...byOrder.values()];
}

/**
 * The link's state in PayLink's vocabulary. Midtrans keeps no link status (§4), so it is derived;
 * see the status table in README.md.
 */
export function toLinkState(link: MidtransLink, now: Date): ProviderLinkState {
  const limit = limitOf(link.usage_limit);
  const expiresAt = expiryOf(link);
  const transactions = Array.isArray(link.purchases) ? transactionsOf(link.purchases) : null;
  const outcomes = transactions?.map((tx) => ({ tx, outcome: paymentOutcomeOf(tx.status, tx.fraud) })) ?? [];
  // `usage` is Midtrans's own count of the quota consumed (documented); purchases are what we can
  // see of the payments (community typings). Neither may lag the other into a lower count.
  const approved = outcomes.filter((o) => o.outcome === 'approved').length;
  const usage = typeof link.usage === 'number' && Number.isFinite(link.usage) ? link.usage : 0;
  const count = Math.max(usage, approved);

  let lastPayment: LastPayment | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const { tx, outcome } of outcomes) {
    if (!outcome) continue;
    const at = tx.at ?? Number.NEGATIVE_INFINITY;
    if (lastPayment === null || at >= lastAt) {
      lastPayment = { outcome, at: tx.at === null ? null : new Date(tx.at).toISOString() };
      lastAt = at;
    }
  }

  const { deleted, at: deletedAt } = deletionOf(link);
  let status: LinkStatus;
  if (limit !== null && count >= limit) status = 'paid';
  else if (deleted && (expiresAt === null || deletedAt === null || deletedAt < expiresAt))
    status = 'disabled';
  // A payment still pending past the deadline was started before it and may settle: it outranks
  // the expiry (the proxy keeps such a link provisionally expired until it settles or lapses).
  else if (outcomes.some((o) => o.outcome === 'pending')) status = 'pending';
  else if (expiresAt !== null && now.getTime() >= expiresAt) status = 'expired';
  else status = 'open';

  return {
    status,
    payments: { count, limit },
    lastPayment,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
  };
}
