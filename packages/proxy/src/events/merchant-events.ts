import { eventTypesFor, type LinkState } from '../engine/status-rules.ts';
import { newEventId } from '../ids.ts';
import type { NewEvent, StoredLink } from '../store/store.ts';
import { merchantView } from '../views.ts';

/** How long an event's deliveries are retried before they are given up (Standard Webhooks practice). */
export const DELIVERY_WINDOW_MS = 3 * 24 * 3_600_000;

/**
 * The events a link's change from `before` to `after` produces, each with the exact body every
 * delivery of it carries: `{"id","type","createdAt","data":{"link": <merchant view>}}`.
 */
export function eventsForChange(before: LinkState, after: StoredLink, now: Date): NewEvent[] {
  const createdAt = now.toISOString();
  const giveUpAt = new Date(now.getTime() + DELIVERY_WINDOW_MS).toISOString();
  return eventTypesFor(before, after).map((type) => {
    const id = newEventId();
    return {
      id,
      type,
      linkId: after.id,
      linkVersion: after.version,
      ownerKeyId: after.ownerKeyId,
      createdAt,
      body: JSON.stringify({ id, type, createdAt, data: { link: merchantView(after) } }),
      giveUpAt,
    };
  });
}
