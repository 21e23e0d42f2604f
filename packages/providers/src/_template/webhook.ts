// Step 6: notifications. Verify the raw body first (constant-time compare), then parse; `verified`
// with a claim only for what the signature covers, `eventId` from signed fields only.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '@paylink/core';
import type { WebhookEvent } from '../adapter.ts';
import { PROVIDER } from './settings.ts';
import { paymentOutcome } from './status.ts';

/** The header carrying the signature (fixtures/notification.json). */
export const SIGNATURE_HEADER = 'x-template-signature';

/** Hex HMAC-SHA256 of the raw body with the shared secret. */
export function notificationSignature(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

/** Verifies then parses one notification; throws `WebhookVerificationError` when it cannot be trusted. */
export function parseWebhook(rawBody: string, signature: string | null, secret: string): WebhookEvent[] {
  const expected = Buffer.from(notificationSignature(rawBody, secret), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature ?? '') ? signature! : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WebhookVerificationError(PROVIDER, 'template notification signature does not match');
  }
  let body: { id?: unknown; link_id?: unknown; payment?: { status?: unknown; at?: unknown } };
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new WebhookVerificationError(PROVIDER, 'template notification is not JSON');
  }
  if (
    typeof body?.id !== 'string' ||
    typeof body.link_id !== 'string' ||
    typeof body.payment?.status !== 'string'
  )
    throw new WebhookVerificationError(PROVIDER, 'template notification has no id, link_id or payment');
  const at = typeof body.payment.at === 'string' ? body.payment.at : null;
  return [
    {
      providerRef: body.link_id,
      eventId: body.id,
      trust: 'verified',
      // The signature covers the whole body: the payment's outcome is trusted; the link is re-read for the rest.
      claimed: { lastPayment: { outcome: paymentOutcome(body.payment.status), at } },
    },
  ];
}
