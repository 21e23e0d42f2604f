import type { LinkStatus } from '@paylink/core';
import type {
  ApiKeyRecord,
  DeliveryAttempt,
  DeliveryRecord,
  DeliveryState,
  StoredEvent,
  StoredLink,
  WebhookEndpointRecord,
} from './store.ts';

/** A `links` row as both SQL stores read it. */
export interface LinkRow {
  id: string;
  provider: string;
  provider_ref: string;
  url: string;
  status: string;
  payments_count: number;
  payments_limit: number | null;
  last_payment: string | null;
  version: number;
  amount_value: string | null;
  currency: string;
  amount_mode: string;
  flexible_amount: string | null;
  title: string | null;
  description: string;
  reference: string | null;
  customer: string | null;
  metadata: string | null;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  checked_at: string;
  owner_key_id: string | null;
  provisional: number | boolean;
}

export const LINK_COLUMNS = [
  'id',
  'provider',
  'provider_ref',
  'url',
  'status',
  'payments_count',
  'payments_limit',
  'last_payment',
  'version',
  'amount_value',
  'currency',
  'amount_mode',
  'flexible_amount',
  'title',
  'description',
  'reference',
  'customer',
  'metadata',
  'expires_at',
  'created_at',
  'updated_at',
  'checked_at',
  'owner_key_id',
  'provisional',
] as const;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function linkToRow(link: StoredLink): LinkRow {
  return {
    id: link.id,
    provider: link.provider,
    provider_ref: link.providerRef,
    url: link.url,
    status: link.status,
    payments_count: link.payments.count,
    payments_limit: link.payments.limit,
    last_payment: json(link.lastPayment),
    version: link.version,
    amount_value: link.amount.value,
    currency: link.amount.currency,
    amount_mode: link.amountMode,
    flexible_amount: json(link.flexibleAmount),
    title: link.title,
    description: link.description,
    reference: link.reference,
    customer: json(link.customer),
    metadata: json(link.metadata),
    expires_at: link.expiresAt,
    created_at: link.createdAt,
    updated_at: link.updatedAt,
    checked_at: link.checkedAt,
    owner_key_id: link.ownerKeyId,
    provisional: link.provisional ? 1 : 0,
  };
}

export function rowToLink(row: LinkRow): StoredLink {
  return {
    id: row.id,
    provider: row.provider,
    providerRef: row.provider_ref,
    url: row.url,
    status: row.status as LinkStatus,
    payments: {
      count: Number(row.payments_count),
      limit: row.payments_limit === null ? null : Number(row.payments_limit),
    },
    lastPayment: parse(row.last_payment),
    version: Number(row.version),
    amount: { value: row.amount_value, currency: row.currency },
    amountMode: row.amount_mode === 'flexible' ? 'flexible' : 'fixed',
    flexibleAmount: parse(row.flexible_amount),
    title: row.title,
    description: row.description,
    reference: row.reference,
    customer: parse(row.customer),
    metadata: parse(row.metadata),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    checkedAt: row.checked_at,
    ownerKeyId: row.owner_key_id,
    provisional: Boolean(Number(row.provisional)),
  };
}

export interface ApiKeyRow {
  id: string;
  name: string;
  owner: string | null;
  scopes: string;
  hash: string;
  allowed_origins: string;
  created_at: string;
  revoked_at: string | null;
}

export function rowToApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner ?? row.id,
    scopes: JSON.parse(row.scopes) as string[],
    hash: row.hash,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export interface EndpointRow {
  id: string;
  url: string;
  events: string;
  description: string | null;
  secret: string;
  source: string;
  owner_key_id: string | null;
  created_at: string;
  consecutive_failures: number;
  failing_since: string | null;
  last_error: string | null;
  last_success_at: string | null;
}

export function rowToEndpoint(row: EndpointRow): WebhookEndpointRecord {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    description: row.description,
    secret: row.secret,
    source: row.source === 'config' ? 'config' : 'api',
    ownerKeyId: row.owner_key_id,
    createdAt: row.created_at,
    health: {
      consecutiveFailures: Number(row.consecutive_failures),
      failingSince: row.failing_since,
      lastError: row.last_error,
      lastSuccessAt: row.last_success_at,
    },
  };
}

export interface EventRow {
  seq: number | string;
  id: string;
  type: string;
  link_id: string;
  link_version: number;
  owner_key_id: string | null;
  created_at: string;
  body: string;
}

export function rowToEvent(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    type: row.type,
    linkId: row.link_id,
    linkVersion: Number(row.link_version),
    ownerKeyId: row.owner_key_id,
    createdAt: row.created_at,
    body: row.body,
  };
}

export interface DeliveryRow {
  event_id: string;
  endpoint_id: string;
  url: string | null;
  state: string;
  next_attempt_at: string | null;
  give_up_at: string;
}

export interface AttemptRow {
  endpoint_id: string;
  at: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

/** Deliveries with their attempts (attempt rows in attempt order). */
export function rowsToDeliveries(deliveries: DeliveryRow[], attempts: AttemptRow[]): DeliveryRecord[] {
  return deliveries.map((row) => ({
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    url: row.url,
    state: row.state as DeliveryState,
    attempts: attempts
      .filter((a) => a.endpoint_id === row.endpoint_id)
      .map(
        (a): DeliveryAttempt => ({
          at: a.at,
          status: a.status === null ? null : Number(a.status),
          error: a.error,
          durationMs: Number(a.duration_ms),
        }),
      ),
    nextAttemptAt: row.next_attempt_at,
    giveUpAt: row.give_up_at,
  }));
}

/**
 * Whether an endpoint wants an event: of a type it listed (none listed: every type), and of its
 * owner's links (an endpoint with no owner — the configuration file's, an admin's — hears every owner).
 */
export function endpointWants(
  endpoint: Pick<WebhookEndpointRecord, 'events' | 'ownerKeyId'>,
  event: { type: string; owner_key_id?: string | null; ownerKeyId?: string | null },
): boolean {
  const owner = event.ownerKeyId ?? event.owner_key_id ?? null;
  if (endpoint.ownerKeyId !== null && endpoint.ownerKeyId !== owner) return false;
  return endpoint.events.length === 0 || endpoint.events.includes(event.type);
}
