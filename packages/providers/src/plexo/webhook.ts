// Plexo's payment callback (shared/providers/plexo.md §5): body, events and signature are not
// documented, so a callback is only a nudge to re-read the link through the authenticated API.
import { createHash } from 'node:crypto';
import { WebhookVerificationError } from '@paylink/core';
import type { WebhookEvent } from '../adapter.ts';
import { PROVIDER } from './mapping.ts';

const MAX_BODY = 64 * 1024;
const REF = /^[A-Za-z0-9_\-:.]{1,128}$/;

// Where a link id may sit, most specific first. `id` alone is tried late: at the top level of a
// payment notification it may name the transaction rather than the link.
const LINK_PATHS: readonly (readonly string[])[] = [
  ['paymentLinkId'],
  ['payment_link_id'],
  ['paymentLink', 'id'],
  ['link', 'id'],
  ['linkId'],
  ['data', 'paymentLinkId'],
  ['data', 'paymentLink', 'id'],
  ['data', 'id'],
  ['id'],
  ['paymentLink', 'externalId'],
  ['data', 'externalId'],
  ['externalId'],
];

const EVENT_PATHS: readonly (readonly string[])[] = [
  ['transactionId'],
  ['paymentId'],
  ['eventId'],
  ['notificationId'],
  ['data', 'transactionId'],
  ['transaction', 'id'],
  ['payment', 'id'],
];

function at(body: unknown, path: readonly string[]): string | null {
  let value: unknown = body;
  for (const key of path) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && REF.test(value) ? value : null;
}

/**
 * Reads a Plexo callback liberally and returns one nudge for the link it names. `providerRef` is
 * the first link id found (GUID `id` preferred; a bare `externalId` is returned when nothing else
 * names the link). Throws `WebhookVerificationError` when no link id can be found.
 */
export function parsePlexoCallback(rawBody: string): WebhookEvent[] {
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
  const providerRef = LINK_PATHS.map((path) => at(body, path)).find((v) => v !== null);
  if (!providerRef) throw new WebhookVerificationError(PROVIDER, 'plexo callback names no payment link');
  const event = EVENT_PATHS.map((path) => at(body, path)).find((v) => v !== null);
  // Without a payment id, identical bodies are the same notification (a retry).
  const eventId = event
    ? `${providerRef}:${event}`
    : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  return [{ providerRef, eventId, trust: 'nudge', claimed: null }];
}
