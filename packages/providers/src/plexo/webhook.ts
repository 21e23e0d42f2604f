// Plexo's payment callback. Documented (Callbacks Guide, https://plexo.gitbook.io/rest-api/operations/callbacks):
// the body is a `PaymentDto`; no signature header or shared secret is part of the public contract;
// `GET /v1/payments/{paymentId}` confirms the canonical state. A `PaymentDto` names the payment, not
// the link it was taken through, so the link is found from the canonical payment (`paymentLinkRefOf`,
// inferred), and the callback stays a nudge: the proxy re-reads the link.
import { WebhookVerificationError } from '@paylink/core';
import type { WebhookEvent } from '../adapter.ts';
import { PROVIDER } from './settings.ts';
import { type PlexoPaymentDto, paymentLinkRefOf, readPaymentDto } from './wire.ts';

const MAX_BODY = 64 * 1024;

/**
 * The payment id a callback body names. Only the documented body is taken: a `PaymentDto` (a hex
 * `id` and a `status`). Anything else, including a body that names a link itself (`paymentLinkId`, in
 * no public page), throws `WebhookVerificationError`.
 */
export function readPlexoCallback(rawBody: string): { paymentId: string } {
  if (rawBody.length > MAX_BODY)
    throw new WebhookVerificationError(PROVIDER, 'plexo callback body is too large');
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new WebhookVerificationError(PROVIDER, 'plexo callback body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new WebhookVerificationError(PROVIDER, 'plexo callback body is not a JSON object');
  }
  const payment = readPaymentDto(body);
  if (!payment) {
    throw new WebhookVerificationError(
      PROVIDER,
      'plexo callback is not a PaymentDto (a hex payment id and a status)',
    );
  }
  return { paymentId: payment.id };
}

/** Reads a payment back from Plexo (the client's `getPayment`): null when Plexo does not know it. */
export type PaymentReader = (paymentId: string) => Promise<PlexoPaymentDto | null>;

/**
 * Turns a callback into nudges. A `PaymentDto` body is read back with `GET /v1/payments/{id}` first:
 * the canonical payment (never the unsigned body) names the link and the event. Throws
 * `WebhookVerificationError` when Plexo does not know the payment (forged, or another account's);
 * a failing read throws its `ProviderError` (`unavailable` → the proxy answers 503 and Plexo's retry
 * counts). Returns no events for a real payment that names no link (not taken through a link).
 */
export async function parseWebhook(rawBody: string, readPayment: PaymentReader): Promise<WebhookEvent[]> {
  const callback = readPlexoCallback(rawBody);
  const payment = await readPayment(callback.paymentId);
  if (!payment)
    throw new WebhookVerificationError(PROVIDER, 'plexo does not know the payment this callback names');
  const providerRef = paymentLinkRefOf(payment);
  if (!providerRef) return [];
  // One event per state of the payment: a pending payment that is later approved is news again.
  const eventId = `payment:${payment.id}:${payment.status}:${payment.transactions}`;
  return [{ providerRef, eventId, trust: 'nudge', claimed: null }];
}
