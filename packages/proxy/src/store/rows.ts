import type { LinkStatus } from '@paylink/core';
import type { ApiKeyRecord, StoredLink } from './store.ts';

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
  };
}

export interface ApiKeyRow {
  id: string;
  name: string;
  hash: string;
  allowed_origins: string;
  created_at: string;
  revoked_at: string | null;
}

export function rowToApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    hash: row.hash,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
