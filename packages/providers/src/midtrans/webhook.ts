// HTTP notifications (shared/providers/midtrans.md §5): verification, then parsing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { type PaymentOutcome, type StatusSnapshot, WebhookVerificationError } from '@paylink/core';
import type { WebhookEvent } from '../adapter.ts';
import { linkOrderIdOf, PROVIDER, paymentOutcomeOf, transactionRank } from './mapping.ts';

/** `signature_key = hex(SHA-512(order_id + status_code + gross_amount + ServerKey))` over the raw strings (§5). */
export function signatureKey(
  orderId: string,
  statusCode: string,
  grossAmount: string,
  serverKey: string,
): string {
  return createHash('sha512')
    .update(orderId + statusCode + grossAmount + serverKey, 'utf8')
    .digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The `status_code` values each `transaction_status` is sent with. The signature covers
 * `status_code` but not `transaction_status` or `fraud_status`, so checking the pair is what makes
 * a rewritten status detectable. Success 200, pending/challenge 201, denied 202, expired 407
 * (§4 "status_code values seen"; cancel is seen with 200 and 202).
 */
function statusCodesFor(
  transactionStatus: string,
  fraudStatus: string | undefined,
): readonly string[] | null {
  const fraud = fraudStatus?.toLowerCase();
  switch (transactionStatus) {
    case 'settlement':
      return ['200'];
    case 'capture':
    case 'authorize':
      if (fraud === 'challenge') return ['201'];
      if (fraud === 'deny') return ['200', '202'];
      return ['200'];
    case 'pending':
      return ['201'];
    case 'deny':
    case 'failure':
      return ['202'];
    case 'cancel':
      return ['200', '202'];
    case 'expire':
      return ['407'];
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback':
      return null;
    default:
      return [];
  }
}

/** Notification times are `YYYY-MM-DD HH:MM:SS` in Jakarta time (§6 "Dates", inferred). */
function jakartaToIso(text: unknown): string | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text.replace(' ', 'T')}+07:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Values are strings in real notifications; one doc example prints numbers, taken as written. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The snapshot a notification implies about its link, as far as one payment tells. */
function claimFor(
  outcome: PaymentOutcome | null,
  rank: number,
  at: string | null,
): Partial<StatusSnapshot> | null {
  // Refunds and chargebacks (rank 4) say nothing new about the link.
  if (outcome === null || rank > 3) return null;
  const lastPayment = { outcome, at };
  // A link-level status follows only from `pending`; whether an approval makes the link paid
  // depends on its usage limit, which the notification does not carry.
  return outcome === 'pending' ? { status: 'pending', lastPayment } : { lastPayment };
}

/**
 * Verifies and parses one Midtrans notification. Throws `WebhookVerificationError` for anything
 * that is not JSON, lacks the signed fields, carries a wrong signature, or pairs a status with a
 * `status_code` it is never sent with.
 */
export function parseNotification(rawBody: string, serverKey: string): WebhookEvent[] {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(rawBody);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    throw new WebhookVerificationError(PROVIDER, 'midtrans notification is not a JSON object');
  }
  const orderId = text(body.order_id);
  const statusCode = text(body.status_code);
  const grossAmount = text(body.gross_amount);
  const signature = text(body.signature_key);
  const transactionStatus = text(body.transaction_status)?.toLowerCase();
  const transactionId = text(body.transaction_id);
  if (!orderId || !statusCode || !grossAmount || !signature || !transactionStatus || !transactionId) {
    throw new WebhookVerificationError(PROVIDER, 'midtrans notification lacks a signed field');
  }
  if (!signaturesMatch(signatureKey(orderId, statusCode, grossAmount, serverKey), signature)) {
    throw new WebhookVerificationError(PROVIDER, 'midtrans notification signature_key does not match');
  }
  const fraudStatus = text(body.fraud_status)?.toLowerCase();
  const allowed = statusCodesFor(transactionStatus, fraudStatus);
  if (allowed !== null && allowed.length === 0) {
    throw new WebhookVerificationError(
      PROVIDER,
      `midtrans notification has an unknown transaction_status "${transactionStatus}"`,
    );
  }
  if (allowed !== null && !allowed.includes(statusCode)) {
    throw new WebhookVerificationError(
      PROVIDER,
      `midtrans notification pairs transaction_status "${transactionStatus}" with status_code ${statusCode}`,
    );
  }
  const at = jakartaToIso(body.settlement_time) ?? jakartaToIso(body.transaction_time);
  const outcome = paymentOutcomeOf(transactionStatus, fraudStatus);
  return [
    {
      // The signed, per-payment order id names the link (`<link order_id>-<epoch ms>`, §4).
      providerRef: linkOrderIdOf(orderId),
      // Midtrans re-sends the same notification and may reorder them (§5): one id per state of a transaction.
      eventId: `${transactionId}:${transactionStatus}:${fraudStatus ?? '-'}`,
      trust: 'verified',
      claimed: claimFor(outcome, transactionRank(transactionStatus, fraudStatus), at),
    },
  ];
}
