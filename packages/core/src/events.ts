import type { MerchantLinkView } from './link.ts';

/** What a merchant event announces (DESIGN.md, "Tell the merchant"); sent only for confirmed states. */
export const WebhookEventType = {
  LinkPending: 'link.pending',
  LinkPaid: 'link.paid',
  LinkPaymentFailed: 'link.payment_failed',
  LinkExpired: 'link.expired',
  LinkDisabled: 'link.disabled',
} as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] =
  /* @__PURE__ */ Object.values(WebhookEventType);

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * One merchant event: the body POSTed to each subscribed endpoint (signed per the Standard Webhooks
 * specification, `webhook-id` = `id`) and an item of `GET /v1/events`.
 */
export interface MerchantEvent<T extends WebhookEventType = WebhookEventType> {
  /** `evt_…`; the same on every delivery attempt, so receivers deduplicate by it. */
  id: string;
  type: T;
  createdAt: string;
  data: { link: MerchantLinkView };
}

/** Body of `POST /v1/webhook-endpoints`. */
export interface CreateWebhookEndpointRequest {
  /** `https:`; `http:` only for loopback hosts while the proxy runs in development. */
  url: string;
  /** Event types to receive; absent means all. */
  events?: WebhookEventType[];
  description?: string;
}

/** Where an endpoint's deliveries stand. */
export interface WebhookEndpointHealth {
  consecutiveFailures: number;
  failingSince: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
}

/** Where an endpoint was declared: through the API, or in the proxy's configuration. */
export const WebhookEndpointSource = { Api: 'api', Config: 'config' } as const;
export type WebhookEndpointSource = (typeof WebhookEndpointSource)[keyof typeof WebhookEndpointSource];

/** An endpoint as `GET /v1/webhook-endpoints` lists it (never with its secret). */
export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  createdAt: string;
  source: WebhookEndpointSource;
  health: WebhookEndpointHealth;
}

/** The answer to `POST /v1/webhook-endpoints`: the only time the signing secret is shown. */
export interface CreatedWebhookEndpoint {
  /** `we_…` */
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  /** `whsec_…`, for `new Webhook(secret).verify(rawBody, headers)` (npm `standardwebhooks`). */
  secret: string;
  createdAt: string;
}

/** Query of `GET /v1/events`. */
export interface ListEventsQuery {
  /** The `nextCursor` of the previous page. */
  after?: string;
  type?: WebhookEventType;
  /** A link's public id (`pl_…`). */
  link?: string;
  /** 1 to 100. */
  limit?: number;
}

/** A page of `GET /v1/events`, oldest first. */
export interface EventPage {
  events: MerchantEvent[];
  /** Pass as `after` for the next page; null when there is none yet. */
  nextCursor: string | null;
}

/** `failed`: given up after the delivery window; `canceled`: its endpoint was removed. */
export const DeliveryState = {
  Pending: 'pending',
  Delivered: 'delivered',
  Failed: 'failed',
  Canceled: 'canceled',
} as const;
export type DeliveryState = (typeof DeliveryState)[keyof typeof DeliveryState];

/** One POST of an event to an endpoint. */
export interface DeliveryAttempt {
  at: string;
  /** The endpoint's HTTP status; null when it did not answer (network error, timeout). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** An event's delivery to one endpoint, with every attempt so far. */
export interface EventDelivery {
  endpointId: string;
  /** Null once the endpoint was removed. */
  url: string | null;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
}

/** `GET /v1/events/{id}`. */
export interface EventDetail {
  event: MerchantEvent;
  deliveries: EventDelivery[];
}
