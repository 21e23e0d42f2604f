// The shop's order book: what the merchant events it received and verified say about each invoice.
// Kept in `<dataDir>/demo-orders.json`, so a restart neither forgets a fulfilment nor repeats one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MerchantEvent, WebhookEventType } from '@paylink/core';

/** Where an invoice's order stands, as the page shows it. */
export const OrderState = {
  AwaitingPayment: 'awaiting_payment',
  PaymentInProgress: 'payment_in_progress',
  PaymentFailed: 'payment_failed',
  Expired: 'expired',
  Cancelled: 'cancelled',
  Fulfilled: 'fulfilled',
} as const;
export type OrderState = (typeof OrderState)[keyof typeof OrderState];

export const orderStateLabels: Record<OrderState, string> = {
  awaiting_payment: 'Awaiting payment',
  payment_in_progress: 'Payment in progress',
  payment_failed: 'Payment declined, awaiting payment',
  expired: 'Invoice expired',
  cancelled: 'Invoice cancelled',
  fulfilled: 'Order fulfilled',
};

const stateByEvent: Record<WebhookEventType, OrderState> = {
  'link.pending': OrderState.PaymentInProgress,
  'link.paid': OrderState.Fulfilled,
  'link.payment_failed': OrderState.PaymentFailed,
  'link.expired': OrderState.Expired,
  'link.disabled': OrderState.Cancelled,
};

export interface Order {
  state: OrderState;
  /** The event that set the state, and when the proxy wrote it. */
  eventId: string;
  eventAt: string;
  /** When the shop fulfilled the order (only for `fulfilled`). */
  fulfilledAt: string | null;
}

interface OrderFile {
  orders: Record<string, Order>;
  /** Recently applied event ids: a redelivery (same `webhook-id`) is acknowledged, not applied twice. */
  seenEventIds: string[];
}

const SEEN_EVENT_IDS_KEPT = 1000;

export class OrderBook {
  readonly #file: string;
  readonly #data: OrderFile;

  constructor(dataDir: string) {
    this.#file = join(dataDir, 'demo-orders.json');
    this.#data = existsSync(this.#file)
      ? (JSON.parse(readFileSync(this.#file, 'utf8')) as OrderFile)
      : { orders: {}, seenEventIds: [] };
  }

  /** The order of the invoice paid through `linkId`. */
  get(linkId: string): Order | null {
    return this.#data.orders[linkId] ?? null;
  }

  /**
   * Applies a verified event once per `webhook-id` (the event id, the same on every retry); false
   * when it was already applied.
   */
  apply(event: MerchantEvent, webhookId = event.id, now = new Date()): boolean {
    if (this.#data.seenEventIds.includes(webhookId)) return false;
    const linkId = event.data.link.id;
    const current = this.#data.orders[linkId];
    const state = stateByEvent[event.type];
    // Deliveries may arrive out of order (retries): a fulfilled order stays fulfilled, and an
    // older event never overwrites what a newer one said.
    const keep =
      current &&
      (current.state === OrderState.Fulfilled ||
        (state !== OrderState.Fulfilled && current.eventAt > event.createdAt));
    if (!keep) {
      this.#data.orders[linkId] = {
        state,
        eventId: event.id,
        eventAt: event.createdAt,
        fulfilledAt: state === OrderState.Fulfilled ? now.toISOString() : null,
      };
    }
    this.#data.seenEventIds = [...this.#data.seenEventIds, webhookId].slice(-SEEN_EVENT_IDS_KEPT);
    writeFileSync(this.#file, JSON.stringify(this.#data, null, 2));
    return true;
  }
}

/** Whether a verified payload has the fields the order book reads (its type is checked apart). */
export function isMerchantEvent(value: unknown): value is MerchantEvent {
  const event = value as Partial<MerchantEvent> | null;
  return (
    typeof event?.id === 'string' &&
    typeof event.type === 'string' &&
    typeof event.createdAt === 'string' &&
    typeof event.data?.link?.id === 'string'
  );
}
