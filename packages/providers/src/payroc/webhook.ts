// Payroc has no payment-link notifications (shared/providers/payroc.md §5): its event subscriptions
// cover boarding only, so a link's state is learned by polling `GET /payment-links/{id}`.
import { WebhookVerificationError } from '@paylink/core';
import type { WebhookEvent } from '../adapter.ts';
import { PROVIDER } from './settings.ts';

/** Refuses every notification: anything arriving at the Payroc webhook route is not from Payroc. */
export async function parseWebhook(_rawBody: string): Promise<WebhookEvent[]> {
  throw new WebhookVerificationError(PROVIDER, 'Payroc sends no payment-link notifications');
}
