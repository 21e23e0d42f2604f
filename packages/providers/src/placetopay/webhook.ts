// Payment Link notifications (provider note §5): a JSON POST to the link's notificationUrl,
// signed with lowercase hex SHA-256(linkId + status.status + status.date + secretKey).
import { createHash, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '@paylink/core';
import type { WebhookEvent } from '../adapter.ts';
import { PROVIDER } from './settings.ts';

/** Notification `status.status` values (note §5); more may be added later. */
export const NotificationStatus = { Paid: 'PAID', Expired: 'EXPIRED' } as const;

/**
 * The signature Placetopay puts on a notification; `linkId` as its decimal text. Payment links use
 * SHA-256 (notification.mdx); `sha1` exists only to check the concatenation against the published
 * WebCheckout vectors (fixtures/notification-vectors.json), the one set of vectors that verifies.
 */
export function notificationSignature(
  linkId: number | string,
  status: string,
  date: string,
  secretKey: string,
  algorithm: 'sha256' | 'sha1' = 'sha256',
): string {
  return createHash(algorithm).update(`${linkId}${status}${date}${secretKey}`, 'utf8').digest('hex');
}

interface NotificationBody {
  status?: { status?: unknown; date?: unknown };
  linkId?: unknown;
  signature?: unknown;
}

const refuse = (message: string) => new WebhookVerificationError(PROVIDER, message);

/**
 * Verifies a notification (constant-time comparison), then parses it. `PAID` carries no payment
 * details, so its claim is empty and the proxy re-reads the link; unknown event types are ignored
 * once their signature checks out.
 */
export function parseWebhook(rawBody: string, secretKey: string): WebhookEvent[] {
  let body: NotificationBody;
  try {
    body = JSON.parse(rawBody) as NotificationBody;
  } catch {
    throw refuse('placetopay notification is not JSON');
  }
  if (!body || typeof body !== 'object') throw refuse('placetopay notification is not an object');
  const { linkId, signature } = body;
  const status = body.status?.status;
  const date = body.status?.date;
  if (typeof linkId !== 'number' && !(typeof linkId === 'string' && /^\d+$/.test(linkId))) {
    throw refuse('placetopay notification has no linkId');
  }
  if (typeof status !== 'string' || typeof date !== 'string')
    throw refuse('placetopay notification has no status');
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/i.test(signature)) {
    throw refuse('placetopay notification has no valid signature');
  }
  const expected = Buffer.from(notificationSignature(linkId, status, date, secretKey), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
    throw refuse('placetopay notification signature mismatch');

  const providerRef = String(linkId);
  const eventId = `${providerRef}:${status}:${date}`;
  switch (status) {
    // Neither claims a status: PAID names no payment, and EXPIRED is sent for a link whose quota was
    // used just before its deadline too (paid beats expired), so the proxy re-reads the link for both.
    case NotificationStatus.Paid:
    case NotificationStatus.Expired:
      return [{ providerRef, eventId, trust: 'verified', claimed: null }];
    default:
      // "More event types may be added later; ignore unknown ones" (note §5).
      return [];
  }
}
