import type {
  AmountMode,
  Customer,
  DeliveryAttempt,
  DeliveryState,
  FlexibleAmount,
  LastPayment,
  LinkStatus,
  PaymentsSummary,
} from '@paylink/core';

export type { DeliveryAttempt, DeliveryState };

/** A link as the proxy keeps it. */
export interface StoredLink {
  id: string;
  provider: string;
  providerRef: string;
  url: string;
  status: LinkStatus;
  payments: PaymentsSummary;
  lastPayment: LastPayment | null;
  version: number;
  amount: { value: string | null; currency: string };
  amountMode: AmountMode;
  flexibleAmount: FlexibleAmount | null;
  title: string | null;
  description: string;
  reference: string | null;
  customer: Customer | null;
  metadata: Record<string, string> | null;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Last time the provider confirmed the status (create, read or verified notification). */
  checkedAt: string;
  /** The API key that created it (null for product checkouts). */
  ownerKeyId: string | null;
  /**
   * True while `expired` comes only from our own clock: the provider has not confirmed it yet, so a
   * payment it accepted before its own deadline may still turn the link `paid` (DESIGN.md, status model).
   */
  provisional: boolean;
}

export type StatusUpdate = Pick<
  StoredLink,
  'status' | 'payments' | 'lastPayment' | 'version' | 'updatedAt' | 'checkedAt' | 'provisional'
>;

/** What a status change writes besides the link, in the same transaction. */
export interface StatusWrite {
  /** Merchant events the change produced (the outbox). */
  events?: readonly NewEvent[];
  /** When the reconciler should read the link next; null: never (final). Undefined: unchanged. */
  nextCheckAt?: string | null;
}

/** A merchant event to store, ready to send: `body` is the exact JSON every delivery carries. */
export interface NewEvent {
  id: string;
  type: string;
  linkId: string;
  linkVersion: number;
  ownerKeyId: string | null;
  createdAt: string;
  body: string;
  /** Deliveries stop being retried after this instant. */
  giveUpAt: string;
}

export interface StoredEvent extends Omit<NewEvent, 'giveUpAt'> {
  /** Position in the event log (the `after` cursor of `GET /v1/events`). */
  seq: number;
}

export interface EventQuery {
  /** Only this owner's events; undefined: everyone's. */
  ownerKeyId?: string | null;
  afterSeq?: number;
  type?: string;
  linkId?: string;
  limit: number;
}

/** A merchant's event receiver. */
export interface WebhookEndpointRecord {
  id: string;
  url: string;
  /** Event types it receives; empty: every type. */
  events: string[];
  description: string | null;
  /** `whsec_…`: signs every delivery (Standard Webhooks). Never logged or listed. */
  secret: string;
  /** `api` (created through the API or CLI) or `config` (the configuration file). */
  source: 'api' | 'config';
  ownerKeyId: string | null;
  createdAt: string;
  health: EndpointHealth;
}

export interface EndpointHealth {
  consecutiveFailures: number;
  failingSince: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
}

/** One event's delivery to one endpoint. */
export interface DeliveryRecord {
  eventId: string;
  endpointId: string;
  url: string | null;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
  giveUpAt: string;
}

/** A delivery the worker has leased and must now attempt. */
export interface ClaimedDelivery {
  event: StoredEvent;
  endpoint: WebhookEndpointRecord;
  /** Attempts made before this one. */
  attempts: number;
  giveUpAt: string;
}

export interface AttemptResult extends DeliveryAttempt {
  eventId: string;
  endpointId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** `delivered` (2xx), `pending` (retry at `nextAttemptAt`) or `failed` (gave up). */
  state: DeliveryState;
  nextAttemptAt: string | null;
}

export interface PruneResult {
  webhookEvents: number;
  idempotencyKeys: number;
  events: number;
}

/** Deliveries waiting or given up, per endpoint (metrics). */
export interface DeliveryBacklog {
  endpointId: string;
  pending: number;
  failed: number;
}

export interface ListQuery {
  ownerKeyId?: string | null;
  status?: LinkStatus;
  provider?: string;
  limit: number;
  /** Opaque: `createdAt|id` of the last item of the previous page. */
  after?: { createdAt: string; id: string };
}

/** A stored answer to an idempotent request. */
export interface IdempotencyRecord {
  requestHash: string;
  /** Null while the first request is still being handled (or died mid-way). */
  response: { status: number; body: string } | null;
  createdAt: string;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  /**
   * Whose links, webhook endpoints and events the key sees and makes: its group (e.g. `shop`, for
   * several keys of one merchant) or, by default, its own id.
   */
  owner: string;
  /** What it may do (`admin`: everything, every owner). */
  scopes: string[];
  hash: string;
  createdAt: string;
  revokedAt: string | null;
  /** Origins allowed to use this key from a browser (CORS), or empty. */
  allowedOrigins: string[];
}

/**
 * The one storage interface; SQLite (embedded default) and PostgreSQL implement it.
 * Every method is atomic on its own.
 */
export interface LinkStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores a new link; `nextCheckAt` is when the reconciler first reads it (null: never). */
  insertLink(link: StoredLink, nextCheckAt?: string | null): Promise<void>;
  getLink(id: string): Promise<StoredLink | null>;
  getLinks(ids: readonly string[]): Promise<StoredLink[]>;
  findByProviderRef(provider: string, providerRef: string): Promise<StoredLink | null>;
  listLinks(query: ListQuery): Promise<StoredLink[]>;
  /**
   * Compare-and-set on `version`: writes only if the stored version is still `expectedVersion`,
   * and then, in the same transaction, the change's events and one pending delivery per endpoint
   * subscribed to each (the outbox).
   */
  updateStatus(
    id: string,
    expectedVersion: number,
    update: StatusUpdate,
    write?: StatusWrite,
  ): Promise<boolean>;
  touchChecked(id: string, checkedAt: string): Promise<void>;

  /**
   * Leases up to `limit` of a provider's links due for a reconciling read — the youngest first, or
   * the longest overdue first — so no other instance reads them until `leaseUntil` or until
   * `scheduleCheck`. Skips rows another instance is claiming at the same moment.
   */
  claimDueLinks(
    provider: string,
    now: string,
    leaseUntil: string,
    limit: number,
    order?: 'youngest' | 'overdue',
  ): Promise<StoredLink[]>;
  /** Sets the next reconciling read (null: never) and ends the lease. */
  scheduleCheck(id: string, nextCheckAt: string | null): Promise<void>;
  /** Links due for a read at `now`, per provider (metrics). */
  dueBacklog(now: string): Promise<Record<string, number>>;

  /** Claims a key; returns null when it was free (now claimed), else the existing record. */
  claimIdempotencyKey(
    scope: string,
    key: string,
    requestHash: string,
    now: string,
  ): Promise<IdempotencyRecord | null>;
  completeIdempotencyKey(
    scope: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void>;
  /** Frees a claim whose request failed before anything happened at the provider. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;
  /** Re-takes a claim left pending by a crash, if it is still pending and older than `olderThan`. */
  retakeIdempotencyKey(scope: string, key: string, olderThan: string, now: string): Promise<boolean>;

  /** Records a notification id once its effect is applied; false when it was recorded before. */
  recordWebhookEvent(provider: string, eventId: string, receivedAt: string): Promise<boolean>;
  /** Whether a notification id was recorded as applied (a replay). */
  hasWebhookEvent(provider: string, eventId: string): Promise<boolean>;

  /** Creates an endpoint, or replaces one with the same id (configuration endpoints). */
  saveWebhookEndpoint(record: WebhookEndpointRecord): Promise<void>;
  listWebhookEndpoints(): Promise<WebhookEndpointRecord[]>;
  getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null>;
  /** Removes an endpoint; its pending deliveries are canceled. False when there was none. */
  deleteWebhookEndpoint(id: string, at: string): Promise<boolean>;

  /** The event log, oldest first. */
  listEvents(query: EventQuery): Promise<StoredEvent[]>;
  getEvent(id: string): Promise<StoredEvent | null>;
  /** An event's deliveries with every attempt. */
  listDeliveries(eventId: string): Promise<DeliveryRecord[]>;
  /**
   * Leases due deliveries: per endpoint and link only the oldest pending one, so each link's events
   * reach an endpoint in order. Skips rows another instance is claiming at the same moment.
   */
  claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]>;
  /** Records an attempt, moves the delivery on and updates the endpoint's health, atomically. */
  recordDeliveryAttempt(result: AttemptResult): Promise<void>;
  /**
   * Queues an event again for every endpoint now subscribed to its type (due at `now`); returns
   * the number of deliveries queued.
   */
  requeueEvent(eventId: string, now: string, giveUpAt: string): Promise<number>;
  deliveryBacklog(): Promise<DeliveryBacklog[]>;

  /**
   * Retention: forgets notification ids and idempotency keys recorded before `before`, and events
   * created before it whose deliveries are all finished (with those deliveries and attempts).
   */
  prune(before: string): Promise<PruneResult>;

  insertApiKey(record: ApiKeyRecord): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: string): Promise<boolean>;

  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
