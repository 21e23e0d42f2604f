// HTTP notifications (shared/providers/midtrans.md §5): verification, then parsing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { type PaymentOutcome, WebhookVerificationError } from '@paylink/core';
import type { WebhookEvent } from '../adapter.ts';
import { PROVIDER } from './settings.ts';
import { paymentOutcomeOf, transactionRank } from './status.ts';
import { linkOrderIdOf } from './wire.ts';

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
 * Whether a `transaction_status` is one Midtrans documents (http-notification.md "Status
 * Definition"), or one seen in Midtrans Core/Snap material (`failure`, chargebacks).
 */
function knownStatus(transactionStatus: string): boolean {
  switch (transactionStatus) {
    case 'capture':
    case 'settlement':
    case 'pending':
    case 'deny':
    case 'cancel':
    case 'expire':
    case 'refund':
    case 'partial_refund':
    case 'authorize':
    case 'failure':
    case 'chargeback':
    case 'partial_chargeback':
      return true;
    default:
      return false;
  }
}

/**
 * The `status_code` a status must come with, only where Midtrans documents the pairing:
 * success 200 ("status_code: Should be 200 for successful transactions", http-notification.md
 * "Best Practice"), pending 201 (every pending sample: payment-link-api.md, core-api/*.md). A
 * rejection (`deny`, `cancel`, `expire`, `failure`) or a refund is taken whatever its code: the
 * codes seen for them (202, 407, 200 for a cancel after capture) are not documented as a rule.
 * Null: no documented pairing.
 */
function requiredStatusCode(outcome: PaymentOutcome | null, transactionStatus: string): string | null {
  if (outcome === 'pending') return '201';
  if (outcome === 'approved' && transactionRank(transactionStatus) < 4) return '200';
  return null;
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

/**
 * Verifies and parses one Midtrans notification. Throws `WebhookVerificationError` for anything
 * that is not JSON, lacks the signed fields, carries a wrong signature, names a status Midtrans
 * does not have, or pairs a success or pending status with a `status_code` it is never sent with.
 *
 * The signature covers `order_id + status_code + gross_amount` only, not `transaction_status` or
 * `fraud_status`. So:
 * - a pending payment (signed 201, which Midtrans sends for pending only) is claimed at once;
 * - anything else — an approval above all — is a `nudge` with no claim: the proxy re-reads the
 *   link (`GET /v1/payment-links/{order_id}`, Midtrans's own `usage` and purchases) before
 *   anything is believed. That read is the confirmation Midtrans asks for ("Verify Using GET
 *   Status API Call", what `midtrans-client`'s `notification()` does with `GET /v2/{id}/status`),
 *   made on the link, which also knows the usage limit a notification does not carry.
 * - `eventId` is built from the signed fields (plus the status, from a closed set), never from
 *   the unsigned `transaction_id`, so a replay with a fresh `transaction_id` is still a replay.
 */
export function parseWebhook(rawBody: string, serverKey: string): WebhookEvent[] {
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
  if (!orderId || !statusCode || !grossAmount || !signature || !transactionStatus) {
    throw new WebhookVerificationError(PROVIDER, 'midtrans notification lacks a signed field');
  }
  if (!signaturesMatch(signatureKey(orderId, statusCode, grossAmount, serverKey), signature)) {
    throw new WebhookVerificationError(PROVIDER, 'midtrans notification signature_key does not match');
  }
  if (!knownStatus(transactionStatus)) {
    throw new WebhookVerificationError(
      PROVIDER,
      `midtrans notification has an unknown transaction_status "${transactionStatus}"`,
    );
  }
  const fraudStatus = text(body.fraud_status)?.toLowerCase();
  const outcome = paymentOutcomeOf(transactionStatus, fraudStatus);
  const required = requiredStatusCode(outcome, transactionStatus);
  if (required !== null && statusCode !== required) {
    throw new WebhookVerificationError(
      PROVIDER,
      `midtrans notification pairs transaction_status "${transactionStatus}" with status_code ${statusCode} (Midtrans sends it with ${required})`,
    );
  }
  // The signed, per-payment order id names the link (`<link order_id>-<epoch ms>`, §4).
  const providerRef = linkOrderIdOf(orderId);
  // Midtrans re-sends the same notification and may reorder them (§5). One id per signed
  // (order_id, status_code, gross_amount) and status: a copy is a replay whatever its
  // transaction_id; a later state of the same payment (capture → settlement) is new.
  const eventId = [orderId, statusCode, grossAmount, transactionStatus, outcome ?? '-'].join('|');
  if (outcome === 'pending') {
    const at = jakartaToIso(body.transaction_time);
    return [
      {
        providerRef,
        eventId,
        trust: 'verified',
        claimed: { status: 'pending', lastPayment: { outcome: 'pending', at } },
      },
    ];
  }
  return [{ providerRef, eventId, trust: 'nudge', claimed: null }];
}
